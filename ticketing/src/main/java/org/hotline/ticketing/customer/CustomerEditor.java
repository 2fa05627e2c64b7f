package org.hotline.ticketing.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.Times;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.CustomerDraft;
import org.hotline.platform.customer.CustomerSaveOutcome;
import org.hotline.platform.customer.CustomerSaveOutcome.Duplicate;
import org.hotline.platform.customer.CustomerSaveOutcome.Invalid;
import org.hotline.platform.customer.CustomerSaveOutcome.Saved;
import org.hotline.platform.customer.CustomerSaveOutcome.Unknown;
import org.hotline.platform.customer.DuplicateMatch;
import org.hotline.platform.customer.Product;
import org.hotline.platform.customer.ProductDraft;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.ValidationException;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.SqlErrors;
import org.hotline.ticketing.support.Checks;

/**
 * Creates and edits customers as the agent's form sends them. Every check runs before the first write, in the
 * writing transaction, so a refusal writes nothing. A confirmed duplicate is created without the phones and serials
 * another customer holds: the schema keeps a phone and a serial unique because the caller's number and the device
 * must lead to ONE customer (screen-pop, IVR, repair); the two records become one when an administrator merges them,
 * and until then the KPI counts the duplicate.
 */
final class CustomerEditor {
    private final Database db;
    private final Clock clock;

    CustomerEditor(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.registerMapper(DuplicateMapper.class);
    }

    CustomerSaveOutcome create(CustomerDraft draft, boolean confirmDuplicate, String actor, String address) {
        String name;
        List<String> phones;
        List<ProductDraft> products;
        CustomerClass cls = draft.customerClass() == null ? CustomerClass.ORDINARY : draft.customerClass();
        try {
            Checks.required("actor", actor);
            name = CustomerRules.name(draft.name());
            phones = CustomerRules.phones(draft.phones());
            products = draft.products() == null ? List.of() : CustomerRules.products(draft.products());
        } catch (ValidationException e) {
            return new Invalid(e.field(), e.getMessage());
        }
        try {
            return db.inTransaction(s -> {
                DuplicateMapper d = s.getMapper(DuplicateMapper.class);
                Optional<Duplicate> duplicate = DuplicateCheck.find(d, name, phones, products);
                if (duplicate.isPresent() && !confirmDuplicate) {
                    return duplicate.get();
                }
                List<String> phonesLeftOut = phones.stream().filter(p -> d.phoneOwner(p) != null).toList();
                List<ProductDraft> productsLeftOut = products.stream().filter(p -> d.serialOwner(p.serial()) != null)
                        .toList();
                Instant now = Times.now(clock);
                CustomerMapper m = s.getMapper(CustomerMapper.class);
                m.insertCustomer(name, cls, now);
                long id = m.lastInsertId();
                insertPhones(m, id, phones.stream().filter(p -> !phonesLeftOut.contains(p)).toList());
                products.stream().filter(p -> !productsLeftOut.contains(p)).forEach(p -> insertProduct(m, id, p));
                duplicate.ifPresent(dup -> d.insertDuplicate("CREATED", id, dup.existingId(), dup.matched(), actor,
                        now));
                CustomerRow saved = m.find(id);
                CustomerAudit.created(d, now, actor, address, id, saved, products.size() - productsLeftOut.size(),
                        duplicate.orElse(null));
                return new Saved(saved.toCustomer(), phonesLeftOut,
                        productsLeftOut.stream().map(ProductDraft::serial).toList());
            });
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // someone else took a phone or serial between our check and our insert: answer as if we had seen it
            return db.withSession(s -> DuplicateCheck.find(s.getMapper(DuplicateMapper.class), name, phones,
                    products)).map(CustomerSaveOutcome.class::cast)
                    .orElseThrow(() -> new ConflictException("a phone or serial was taken meanwhile; try again"));
        }
    }

    CustomerSaveOutcome update(long id, CustomerDraft draft, String actor, String address) {
        String name;
        List<String> phones;
        List<ProductDraft> products;
        try {
            name = CustomerRules.name(draft.name());
            phones = draft.phones() == null ? null : CustomerRules.phones(draft.phones());
            products = CustomerRules.products(draft.products());
        } catch (ValidationException e) {
            return new Invalid(e.field(), e.getMessage());
        }
        try {
            return db.inTransaction(s -> {
                DuplicateMapper d = s.getMapper(DuplicateMapper.class);
                DuplicateMapper.LockedCustomer locked = d.lock(id);
                if (locked == null || locked.mergedInto() != null) {
                    return new Unknown(id);
                }
                Optional<CustomerSaveOutcome> refused = refusal(s, id, phones, products);
                if (refused.isPresent()) {
                    return refused.get();
                }
                CustomerMapper m = s.getMapper(CustomerMapper.class);
                CustomerAudit.State before = new CustomerAudit.State(m.find(id), m.products(id));
                CustomerClass cls = draft.customerClass() != null ? draft.customerClass()
                        : before.row().customerClass();
                d.updateCustomer(id, name, cls);
                if (phones != null) {
                    d.deletePhones(id);
                    insertPhones(m, id, phones);
                }
                if (products != null) {
                    replaceProducts(s, id, products);
                }
                CustomerAudit.State after = new CustomerAudit.State(m.find(id), m.products(id));
                CustomerAudit.updated(d, Times.now(clock), actor, address, id, before, after);
                return new Saved(after.row().toCustomer(), List.of(), List.of());
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return new Invalid("products", "two products would have the same serial; change one at a time");
            }
            throw e;
        }
    }

    /** Why an edit may not be written: a phone or serial of another customer, a product that is not this one's. */
    private static Optional<CustomerSaveOutcome> refusal(SqlSession s, long id, List<String> phones,
                                                         List<ProductDraft> products) {
        DuplicateMapper d = s.getMapper(DuplicateMapper.class);
        for (String phone : phones == null ? List.<String>of() : phones) {
            Long owner = d.phoneOwner(phone);
            if (owner != null && owner != id) {
                return Optional.of(new Duplicate(owner, d.name(owner), DuplicateMatch.PHONE));
            }
        }
        if (products == null) {
            return Optional.empty();
        }
        for (ProductDraft p : products) {
            Long owner = d.serialOwner(p.serial());
            if (owner != null && owner != id) {
                return Optional.of(new Duplicate(owner, d.name(owner), DuplicateMatch.SERIAL));
            }
        }
        List<Product> existing = s.getMapper(CustomerMapper.class).products(id);
        Set<Long> ids = existing.stream().map(Product::id).collect(Collectors.toSet());
        for (int i = 0; i < products.size(); i++) {
            Long productId = products.get(i).id();
            if (productId != null && !ids.contains(productId)) {
                return Optional.of(new Invalid("products[" + i + "].id",
                        "product " + productId + " is not one of this customer's products"));
            }
        }
        Set<Long> kept = products.stream().map(ProductDraft::id).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        for (Product p : existing) {
            if (!kept.contains(p.id()) && d.ticketsUsing(p.id()) > 0) {
                return Optional.of(new Invalid("products", "product " + p.model() + " (" + p.serial()
                        + ") is used by a ticket and cannot be removed"));
            }
        }
        return Optional.empty();
    }

    private static void replaceProducts(SqlSession s, long id, List<ProductDraft> products) {
        DuplicateMapper d = s.getMapper(DuplicateMapper.class);
        CustomerMapper m = s.getMapper(CustomerMapper.class);
        Set<Long> kept = products.stream().map(ProductDraft::id).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        m.products(id).stream().filter(p -> !kept.contains(p.id())).forEach(p -> d.deleteProduct(id, p.id()));
        products.stream().filter(p -> p.id() != null).forEach(p -> d.updateProduct(id, p));
        products.stream().filter(p -> p.id() == null).forEach(p -> insertProduct(m, id, p));
    }

    private static void insertPhones(CustomerMapper m, long id, List<String> phones) {
        for (int i = 0; i < phones.size(); i++) {
            m.insertPhone(id, i, phones.get(i));
        }
    }

    private static void insertProduct(CustomerMapper m, long id, ProductDraft p) {
        m.insertProduct(id, p.model(), p.serial(), p.purchaseDate(), p.warrantyEnd());
    }
}
