package org.hotline.ticketing.customer;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.DuplicateMatch;
import org.hotline.platform.customer.ProductDraft;

/** SQL for duplicate checks, edits, merges and the duplicate counts. */
interface DuplicateMapper {
    /** A customer id and name, the candidates of the similar-name check. */
    record NameRow(long id, String name) {
    }

    /** A customer row locked for an edit or a merge. */
    record LockedCustomer(long id, Long mergedInto) {
    }

    @Select("SELECT customer_id FROM customer_phones WHERE phone = #{phone}")
    Long phoneOwner(@Param("phone") String phone);

    @Select("SELECT customer_id FROM products WHERE serial = #{serial}")
    Long serialOwner(@Param("serial") String serial);

    @Select("SELECT name FROM customers WHERE id = #{id}")
    String name(@Param("id") long id);

    /** Customers with a phone starting with {@code prefix} (phones hold only digits, + and -: no LIKE escaping). */
    @Select("SELECT DISTINCT c.id, c.name FROM customer_phones ph JOIN customers c ON c.id = ph.customer_id "
            + "WHERE ph.phone LIKE CONCAT(#{prefix}, '%') AND c.merged_into IS NULL ORDER BY c.id LIMIT #{limit}")
    List<NameRow> byPhonePrefix(@Param("prefix") String prefix, @Param("limit") int limit);

    @Select("SELECT DISTINCT c.id, c.name FROM products p JOIN customers c ON c.id = p.customer_id "
            + "WHERE p.model = #{model} AND c.merged_into IS NULL ORDER BY c.id LIMIT #{limit}")
    List<NameRow> byModel(@Param("model") String model, @Param("limit") int limit);

    @Select("SELECT id, merged_into FROM customers WHERE id = #{id} FOR UPDATE")
    LockedCustomer lock(@Param("id") long id);

    @Update("UPDATE customers SET name = #{name}, `class` = #{customerClass} WHERE id = #{id}")
    void updateCustomer(@Param("id") long id, @Param("name") String name,
                        @Param("customerClass") CustomerClass customerClass);

    @Update("DELETE FROM customer_phones WHERE customer_id = #{id}")
    void deletePhones(@Param("id") long id);

    @Select("SELECT COUNT(*) FROM tickets WHERE product_id = #{productId}")
    int ticketsUsing(@Param("productId") long productId);

    @Update("UPDATE products SET model = #{p.model}, serial = #{p.serial}, purchase_date = #{p.purchaseDate}, "
            + "warranty_end = #{p.warrantyEnd} WHERE id = #{p.id} AND customer_id = #{customerId}")
    void updateProduct(@Param("customerId") long customerId,
                       @Param("p") ProductDraft product);

    @Update("DELETE FROM products WHERE id = #{id} AND customer_id = #{customerId}")
    void deleteProduct(@Param("customerId") long customerId, @Param("id") long id);

    @Select("SELECT COALESCE(MAX(ordinal), -1) + 1 FROM customer_phones WHERE customer_id = #{id}")
    int nextOrdinal(@Param("id") long id);

    @Update("UPDATE customer_phones SET customer_id = #{into}, ordinal = ordinal + #{offset} WHERE customer_id = #{id}")
    int movePhones(@Param("id") long id, @Param("into") long into, @Param("offset") int offset);

    @Update("UPDATE products SET customer_id = #{into} WHERE customer_id = #{id}")
    int moveProducts(@Param("id") long id, @Param("into") long into);

    @Update("UPDATE tickets SET customer_id = #{into} WHERE customer_id = #{id}")
    int moveTickets(@Param("id") long id, @Param("into") long into);

    @Update("UPDATE call_records SET customer_id = #{into} WHERE customer_id = #{id}")
    int moveCalls(@Param("id") long id, @Param("into") long into);

    @Update("UPDATE callback_requests SET customer_id = #{into} WHERE customer_id = #{id}")
    int moveCallbacks(@Param("id") long id, @Param("into") long into);

    @Update("UPDATE customers SET merged_into = #{into}, merged_at = #{at} WHERE id = #{id}")
    void markMerged(@Param("id") long id, @Param("into") long into, @Param("at") Instant at);

    /** Customers merged into {@code id} earlier now point at its survivor too: a merged record names a live one. */
    @Update("UPDATE customers SET merged_into = #{into} WHERE merged_into = #{id}")
    int repointMerged(@Param("id") long id, @Param("into") long into);

    @Select("SELECT merged_into FROM customers WHERE id = #{id}")
    Long mergedInto(@Param("id") long id);

    @Insert("INSERT INTO customer_duplicates (kind, customer_id, other_customer_id, matched, actor, `at`) "
            + "VALUES (#{kind}, #{customerId}, #{otherId}, #{matched}, #{actor}, #{at})")
    void insertDuplicate(@Param("kind") String kind, @Param("customerId") long customerId,
                         @Param("otherId") long otherId, @Param("matched") DuplicateMatch matched,
                         @Param("actor") String actor, @Param("at") Instant at);

    @Select("SELECT COUNT(*) FROM customer_duplicates WHERE kind = #{kind} AND `at` >= #{from} AND `at` < #{to}")
    long countDuplicates(@Param("kind") String kind, @Param("from") Instant from, @Param("to") Instant to);

    /** The merge's audit line, written in the merge's own transaction (see {@code DbAuditLog} for the table). */
    @Insert("INSERT INTO audit_log (`at`, actor, address, `action`, target, outcome, detail) VALUES "
            + "(#{at}, #{actor}, #{address}, 'customer.merge', #{target}, 'SUCCESS', #{detail})")
    void audit(@Param("at") Instant at, @Param("actor") String actor, @Param("address") String address,
               @Param("target") String target, @Param("detail") String detail);

    /** A creation's or edit's audit line ({@link CustomerAudit}), in the saving transaction. */
    @Insert("INSERT INTO audit_log (`at`, actor, address, `action`, target, outcome, detail) VALUES "
            + "(#{at}, #{actor}, #{address}, #{action}, #{target}, 'SUCCESS', #{detail})")
    void auditCustomer(@Param("at") Instant at, @Param("actor") String actor, @Param("address") String address,
                       @Param("action") String action, @Param("target") String target,
                       @Param("detail") String detail);
}
