package org.hotline.ticketing.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.Product;

/** SQL for customers, their phones and products. */
interface CustomerMapper {
    String CUSTOMER_COLUMNS = "c.id, c.name, c.`class` AS customer_class, c.created_at, "
            + "(SELECT GROUP_CONCAT(p.phone ORDER BY p.ordinal SEPARATOR ',') FROM customer_phones p "
            + "WHERE p.customer_id = c.id) AS phones";
    String PRODUCT_COLUMNS = "id, customer_id, model, serial, purchase_date, warranty_end";

    @Insert("INSERT INTO customers (name, `class`, created_at) VALUES (#{name}, #{customerClass}, #{createdAt})")
    void insertCustomer(@Param("name") String name, @Param("customerClass") CustomerClass customerClass,
                        @Param("createdAt") Instant createdAt);

    @Insert("INSERT INTO customer_phones (customer_id, ordinal, phone) VALUES (#{customerId}, #{ordinal}, #{phone})")
    void insertPhone(@Param("customerId") long customerId, @Param("ordinal") int ordinal, @Param("phone") String phone);

    @Select("SELECT LAST_INSERT_ID()")
    long lastInsertId();

    @Select("SELECT " + CUSTOMER_COLUMNS + " FROM customers c WHERE c.id = #{id}")
    CustomerRow find(@Param("id") long id);

    @Select("SELECT " + CUSTOMER_COLUMNS + " FROM customers c JOIN customer_phones ph ON ph.customer_id = c.id "
            + "WHERE ph.phone = #{phone}")
    CustomerRow findByPhone(@Param("phone") String phone);

    @Select("SELECT " + CUSTOMER_COLUMNS + " FROM customers c WHERE c.merged_into IS NULL AND (c.name LIKE #{pattern} "
            + "OR EXISTS (SELECT 1 FROM customer_phones ph WHERE ph.customer_id = c.id AND ph.phone LIKE #{pattern})) "
            + "ORDER BY c.id LIMIT #{limit}")
    List<CustomerRow> search(@Param("pattern") String pattern, @Param("limit") int limit);

    @Select("SELECT COUNT(*) FROM customers WHERE id = #{id}")
    int countCustomer(@Param("id") long id);

    @Select("SELECT COUNT(*) FROM customer_phones WHERE phone = #{phone}")
    int countPhone(@Param("phone") String phone);

    @Insert("INSERT INTO products (customer_id, model, serial, purchase_date, warranty_end) "
            + "VALUES (#{customerId}, #{model}, #{serial}, #{purchaseDate}, #{warrantyEnd})")
    void insertProduct(@Param("customerId") long customerId, @Param("model") String model,
                       @Param("serial") String serial, @Param("purchaseDate") LocalDate purchaseDate,
                       @Param("warrantyEnd") LocalDate warrantyEnd);

    @Select("SELECT " + PRODUCT_COLUMNS + " FROM products WHERE id = #{id}")
    Product findProduct(@Param("id") long id);

    @Select("SELECT " + PRODUCT_COLUMNS + " FROM products WHERE customer_id = #{customerId} ORDER BY id")
    List<Product> products(@Param("customerId") long customerId);

    @Select("SELECT COUNT(*) FROM products WHERE serial = #{serial}")
    int countSerial(@Param("serial") String serial);
}
