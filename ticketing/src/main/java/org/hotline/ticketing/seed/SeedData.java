package org.hotline.ticketing.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;

/** The demo data file: one {@code |}-separated record per line (format in the file's comments). */
record SeedData(List<UserSeed> users, List<CustomerSeed> customers, List<ProductSeed> products,
                List<TicketSeed> tickets, List<DepartmentSeed> departments) {

    record UserSeed(String username, String displayName, String password, Set<Role> roles, Set<String> skills) {
        @Override
        public String toString() {
            return "UserSeed[" + username + "]";
        }
    }

    record CustomerSeed(String key, String name, CustomerClass customerClass, List<String> phones) {
    }

    record ProductSeed(String customerKey, String model, String serial, int purchasedDaysAgo, int warrantyMonths) {
    }

    record TicketSeed(String customerKey, String productSerial, TicketType type, String category,
                      TicketPriority priority, ServiceMode serviceMode, String createdBy, int daysAgo,
                      String description) {
    }

    record DepartmentSeed(String code, String name, String calendarCode, Set<String> managers,
                          Set<String> members) {
    }

    static SeedData read(InputStream in) throws IOException {
        List<UserSeed> users = new ArrayList<>();
        List<CustomerSeed> customers = new ArrayList<>();
        List<ProductSeed> products = new ArrayList<>();
        List<TicketSeed> tickets = new ArrayList<>();
        List<DepartmentSeed> departments = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            try {
                switch (f[0]) {
                    case "user" -> users.add(new UserSeed(field(f, 1, 6), f[2], f[3],
                            list(f[4]).stream().map(Role::valueOf).collect(Collectors.toSet()), Set.copyOf(list(f[5]))));
                    case "customer" -> customers.add(new CustomerSeed(field(f, 1, 5), f[2],
                            CustomerClass.valueOf(f[3]), list(f[4])));
                    case "product" -> products.add(new ProductSeed(field(f, 1, 6), f[2], f[3], Integer.parseInt(f[4]),
                            Integer.parseInt(f[5])));
                    case "ticket" -> tickets.add(new TicketSeed(field(f, 1, 10), f[2].isEmpty() ? null : f[2],
                            TicketType.valueOf(f[3]), f[4], TicketPriority.valueOf(f[5]), ServiceMode.valueOf(f[6]),
                            f[7], Integer.parseInt(f[8]), f[9]));
                    case "department" -> departments.add(new DepartmentSeed(field(f, 1, 6), f[2],
                            f[3].isEmpty() ? null : f[3], Set.copyOf(list(f[4])), Set.copyOf(list(f[5]))));
                    default -> throw new IllegalArgumentException("unknown record type " + f[0]);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("demo data line " + lineNo + " is malformed: " + e.getMessage(), e);
            }
        }
        return new SeedData(users, customers, products, tickets, departments);
    }

    /** Field {@code i} after checking that the record has exactly {@code count} fields. */
    private static String field(String[] f, int i, int count) {
        if (f.length != count) {
            throw new IllegalArgumentException("expected " + count + " fields, found " + f.length);
        }
        return f[i];
    }

    private static List<String> list(String commaList) {
        return commaList.isEmpty() ? List.of() : Arrays.asList(commaList.split(","));
    }
}
