package org.hotline.ticketing.db;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.mapping.ResultFlag;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.TypeHandler;

/**
 * Explicit constructor result maps for wide records, one column per component (its name in snake_case), in component
 * order. Why: without one, MyBatis maps a record by matching every constructor argument's name against every column,
 * for every row ({@code argNameBasedConstructorAutoMapping}); for the 30 columns of a ticket that was 900 string
 * comparisons a row, 3.4 ms of a 50-row worklist's 9 ms. With the map the row is read by position, and the mapping is
 * still checked once, when the map is built (a component without a type handler fails at start-up).
 *
 * <p>A mapper names the map with {@code @ResultMap(RecordResultMaps.TICKET)}.
 */
public final class RecordResultMaps {
    /** The ticket row ({@code TicketSql.COLUMNS}). */
    public static final String TICKET = "records.Ticket";

    private RecordResultMaps() {
    }

    static void registerAll(Configuration c) {
        register(c, TICKET, org.hotline.platform.ticket.Ticket.class);
    }

    static void register(Configuration c, String id, Class<? extends Record> type) {
        List<ResultMapping> args = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            Class<?> javaType = rc.getType();
            TypeHandler<?> handler = c.getTypeHandlerRegistry().getTypeHandler(javaType);
            if (handler == null) {
                throw new IllegalStateException("no MyBatis type handler for " + type.getSimpleName() + "."
                        + rc.getName() + " (" + javaType.getName() + ")");
            }
            args.add(new ResultMapping.Builder(c, null, snakeCase(rc.getName()), handler).javaType(javaType)
                    .flags(List.of(ResultFlag.CONSTRUCTOR)).build());
        }
        c.addResultMap(new ResultMap.Builder(c, id, type, args, false).build());
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
