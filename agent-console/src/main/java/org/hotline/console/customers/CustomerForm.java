package org.hotline.console.customers;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.CustomerDraft;
import org.hotline.platform.customer.ProductDraft;

/**
 * Reads a customer from the agent's form: {@code name}, {@code phones} (a list of strings), {@code class},
 * {@code products} ({@code [{id?, model, serial, purchaseDate?, warrantyEnd?}]}, dates as {@code yyyy-MM-dd}).
 * Shapes are checked here (a 400 naming the field, {@code products[1].serial}); the rules of a name, a phone and a
 * serial are the customer directory's, which answers with the field as well.
 */
final class CustomerForm {
    static final int PHONES_MAX = 10;
    static final int PRODUCTS_MAX = 20;
    private static final int TEXT_MAX = 200;

    private CustomerForm() {
    }

    static CustomerDraft parse(JsonBody body) {
        String name = body.optionalText("name", TEXT_MAX);
        List<String> phones = body.optionalTextList("phones", PHONES_MAX, TEXT_MAX);
        CustomerClass cls = body.optionalEnum("class", CustomerClass.class);
        List<JsonBody> items = body.optionalObjectList("products", PRODUCTS_MAX);
        List<ProductDraft> products = null;
        if (items != null) {
            products = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                products.add(product(items.get(i), "products[" + i + "]."));
            }
        }
        return new CustomerDraft(name, cls, phones, products);
    }

    private static ProductDraft product(JsonBody item, String at) {
        try {
            return new ProductDraft(item.optionalLong("id"), item.optionalText("model", TEXT_MAX),
                    item.optionalText("serial", TEXT_MAX), date(item, "purchaseDate"), date(item, "warrantyEnd"));
        } catch (HttpError e) {
            throw HttpError.badRequest(at + e.field(), e.getMessage());
        }
    }

    private static LocalDate date(JsonBody item, String field) {
        String text = item.optionalText(field, TEXT_MAX);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest(field, field + " must be a date like 2026-05-01");
        }
    }
}
