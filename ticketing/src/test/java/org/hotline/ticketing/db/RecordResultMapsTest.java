package org.hotline.ticketing.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.session.Configuration;
import org.hotline.ticketing.ticket.TicketSql;
import org.junit.jupiter.api.Test;

class RecordResultMapsTest {

    @Test
    void theTicketMapReadsTheColumnsOfTicketSqlInTheirOrder() {
        Configuration c = new Configuration();
        RecordResultMaps.registerAll(c);
        List<String> mapped = c.getResultMap(RecordResultMaps.TICKET).getConstructorResultMappings().stream()
                .map(ResultMapping::getColumn).toList();
        List<String> selected = Arrays.stream(TicketSql.COLUMNS.split(","))
                .map(col -> col.strip().replace("`", "")).toList();
        assertEquals(selected, mapped);
    }

    record Odd(long id, Thread notAColumnType) {
    }

    @Test
    void aComponentWithoutATypeHandlerFailsWhenTheMapIsBuilt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RecordResultMaps.register(new Configuration(), "odd", Odd.class));
        assertEquals("no MyBatis type handler for Odd.notAColumnType (java.lang.Thread)", e.getMessage());
    }

    @Test
    void camelCaseComponentsBecomeSnakeCaseColumns() {
        assertEquals("customer_informed_at", RecordResultMaps.snakeCase("customerInformedAt"));
        assertEquals("id", RecordResultMaps.snakeCase("id"));
    }
}
