package org.hotline.ticketing.customer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hotline.platform.customer.CustomerSaveOutcome.Duplicate;
import org.hotline.platform.customer.DuplicateMatch;
import org.hotline.platform.customer.ProductDraft;

/**
 * Finds the existing customer a new one duplicates: first by phone, then by serial (both unique, certain), then by a
 * similar name ({@link SimilarNames}) among the customers that share a phone prefix or a product model with the new
 * one. The name check is bounded: at most {@link #CANDIDATES} customers per prefix or model, read through the phone
 * unique key and the model index, so it costs the same with ten or ten million customers.
 */
final class DuplicateCheck {
    /** The first digits of a phone that customers of one area or one number range share (mobile: 3 + 4 digits). */
    static final int PHONE_PREFIX = 7;
    static final int CANDIDATES = 200;

    private DuplicateCheck() {
    }

    static Optional<Duplicate> find(DuplicateMapper m, String name, List<String> phones, List<ProductDraft> products) {
        for (String phone : phones) {
            Long owner = m.phoneOwner(phone);
            if (owner != null) {
                return Optional.of(new Duplicate(owner, m.name(owner), DuplicateMatch.PHONE));
            }
        }
        for (ProductDraft p : products) {
            Long owner = m.serialOwner(p.serial());
            if (owner != null) {
                return Optional.of(new Duplicate(owner, m.name(owner), DuplicateMatch.SERIAL));
            }
        }
        Set<DuplicateMapper.NameRow> candidates = new LinkedHashSet<>();
        phones.stream().map(DuplicateCheck::prefix).distinct()
                .forEach(prefix -> candidates.addAll(m.byPhonePrefix(prefix, CANDIDATES)));
        products.stream().map(ProductDraft::model).distinct()
                .forEach(model -> candidates.addAll(m.byModel(model, CANDIDATES)));
        return candidates.stream().filter(c -> SimilarNames.similar(name, c.name())).findFirst()
                .map(c -> new Duplicate(c.id(), c.name(), DuplicateMatch.SIMILAR_NAME));
    }

    static String prefix(String phone) {
        return phone.length() <= PHONE_PREFIX ? phone : phone.substring(0, PHONE_PREFIX);
    }
}
