package org.hotline.ticketing.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hotline.platform.Times;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.CustomerDirectory;
import org.hotline.platform.customer.CustomerDraft;
import org.hotline.platform.customer.CustomerMergeOutcome;
import org.hotline.platform.customer.CustomerSaveOutcome;
import org.hotline.platform.customer.DuplicateCounts;
import org.hotline.platform.customer.Product;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.SqlErrors;
import org.hotline.ticketing.support.Checks;

/**
 * {@link CustomerDirectory} on the {@code customers}, {@code customer_phones} and {@code products} tables.
 * A customer's class defaults to ORDINARY when not given; a phone or a serial already taken is a
 * {@link ConflictException}; every write is one transaction. The agent's form (duplicate checks, edits) is
 * {@link CustomerEditor}, the administrator's merge {@link CustomerMerger}.
 */
public final class DbCustomerDirectory implements CustomerDirectory {
    private final Database db;
    private final Clock clock;
    private final CustomerEditor editor;
    private final CustomerMerger merger;

    public DbCustomerDirectory(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.registerMapper(CustomerMapper.class);
        this.editor = new CustomerEditor(db, clock);
        this.merger = new CustomerMerger(db, clock);
    }

    @Override
    public CustomerSaveOutcome create(CustomerDraft draft, boolean confirmDuplicate, String actor) {
        return editor.create(draft, confirmDuplicate, actor, null);
    }

    @Override
    public CustomerSaveOutcome create(CustomerDraft draft, boolean confirmDuplicate, String actor, String address) {
        return editor.create(draft, confirmDuplicate, actor, address);
    }

    @Override
    public CustomerSaveOutcome update(long id, CustomerDraft draft) {
        return editor.update(id, draft, null, null);
    }

    @Override
    public CustomerSaveOutcome update(long id, CustomerDraft draft, String actor, String address) {
        return editor.update(id, draft, actor, address);
    }

    @Override
    public CustomerMergeOutcome merge(long id, long into, String actor, String address) {
        return merger.merge(id, into, actor, address);
    }

    @Override
    public Optional<Long> mergedInto(long id) {
        return db.withSession(s -> Optional.ofNullable(s.getMapper(DuplicateMapper.class).mergedInto(id)));
    }

    /** @throws ValidationException when {@code to} is before {@code from} */
    @Override
    public DuplicateCounts duplicateCounts(Instant from, Instant to) {
        Checks.required("from", from);
        Checks.required("to", to);
        if (to.isBefore(from)) {
            throw new ValidationException("to", "to must not be before from");
        }
        return db.withSession(s -> {
            DuplicateMapper d = s.getMapper(DuplicateMapper.class);
            return new DuplicateCounts(d.countDuplicates("CREATED", from, to), d.countDuplicates("MERGED", from, to));
        });
    }

    @Override
    public Optional<Customer> findByPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return Optional.empty();
        }
        return db.withSession(s -> Optional.ofNullable(s.getMapper(CustomerMapper.class).findByPhone(phone.strip()))
                .map(CustomerRow::toCustomer));
    }

    @Override
    public Optional<Customer> find(long id) {
        return db.withSession(s -> Optional.ofNullable(s.getMapper(CustomerMapper.class).find(id))
                .map(CustomerRow::toCustomer));
    }

    /** @throws NotFoundException for an unknown customer */
    @Override
    public List<Product> products(long customerId) {
        return db.withSession(s -> {
            CustomerMapper m = s.getMapper(CustomerMapper.class);
            requireCustomer(m, customerId);
            return m.products(customerId);
        });
    }

    /**
     * Matches {@code text} literally (no wildcards) in the name or any phone; an empty text lists everyone. Merged
     * customers are left out (their survivor is found instead).
     */
    @Override
    public List<Customer> search(String text, int limit) {
        if (text == null) {
            throw new ValidationException("text", "text is required (may be empty)");
        }
        Checks.limit(limit);
        String pattern = Checks.likeContains(text.strip());
        return db.withSession(s -> s.getMapper(CustomerMapper.class).search(pattern, limit).stream()
                .map(CustomerRow::toCustomer).toList());
    }

    @Override
    public Customer create(String name, CustomerClass customerClass, List<String> phones) {
        String validName = CustomerRules.name(name);
        List<String> validPhones = CustomerRules.phones(phones);
        CustomerClass cls = customerClass == null ? CustomerClass.ORDINARY : customerClass;
        try {
            return db.inTransaction(s -> {
                CustomerMapper m = s.getMapper(CustomerMapper.class);
                for (String phone : validPhones) {
                    if (m.countPhone(phone) > 0) {
                        throw new ConflictException("phone " + phone + " already belongs to another customer");
                    }
                }
                m.insertCustomer(validName, cls, Times.now(clock));
                long id = m.lastInsertId();
                for (int i = 0; i < validPhones.size(); i++) {
                    m.insertPhone(id, i, validPhones.get(i));
                }
                return m.find(id).toCustomer();
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new ConflictException("one of the phones " + validPhones + " already belongs to a customer");
            }
            throw e;
        }
    }

    /** @throws NotFoundException for an unknown customer; {@link ConflictException} for a serial already registered */
    @Override
    public Product addProduct(long customerId, String model, String serial, LocalDate purchaseDate,
                              LocalDate warrantyEnd) {
        String validModel = CustomerRules.model(model);
        String validSerial = CustomerRules.serial(serial);
        CustomerRules.warranty(purchaseDate, warrantyEnd);
        try {
            return db.inTransaction(s -> {
                CustomerMapper m = s.getMapper(CustomerMapper.class);
                requireCustomer(m, customerId);
                if (m.countSerial(validSerial) > 0) {
                    throw new ConflictException("serial " + validSerial + " is already registered");
                }
                m.insertProduct(customerId, validModel, validSerial, purchaseDate, warrantyEnd);
                return m.findProduct(m.lastInsertId());
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new ConflictException("serial " + validSerial + " is already registered");
            }
            throw e;
        }
    }

    private static void requireCustomer(CustomerMapper m, long customerId) {
        if (m.countCustomer(customerId) == 0) {
            throw new NotFoundException("customer " + customerId + " not found");
        }
    }
}
