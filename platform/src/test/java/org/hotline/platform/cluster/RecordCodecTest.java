package org.hotline.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.Reservation;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    private static final Instant AT = Instant.parse("2026-12-03T09:15:30.123456789Z");

    @Test
    void everyEventOfThePlatformReachesAnotherNodeAsItWasPublished() {
        List<Class<?>> events = concrete(HotlineEvent.class);
        assertThat(events).hasSizeGreaterThan(15);
        for (Class<?> type : events) {
            Object event = sample(type, type);
            assertThat(roundTrip(event)).as(type.getName()).isEqualTo(event);
        }
    }

    @Test
    void theRoutingAnswersComeBackAsTheSameOutcomes() {
        for (Class<?> type : concrete(EnqueueOutcome.class)) {
            Object outcome = sample(type, type);
            assertThat(roundTrip(outcome)).as(type.getName()).isEqualTo(outcome);
        }
        Reservation r = new Reservation("c-1", "alice", "PJSIP/1001", Duration.ofSeconds(15));
        assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Test
    void nullsCollectionsAndTheirOrderSurvive() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", null);
        map.put("a", List.of(1, 2L, true, 2.5, LocalDate.of(2026, 12, 3), Duration.ofMillis(1500)));
        map.put("set", new LinkedHashSet<>(List.of("b", "a", "c")));
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        withNull.add(CustomerClass.VIP);
        map.put("list", withNull);

        Object back = roundTrip(map);

        assertThat(back).isEqualTo(map);
        assertThat(List.copyOf(((Map<?, ?>) back).keySet())).isEqualTo(List.of("z", "a", "set", "list"));
        assertThat(List.copyOf((Set<?>) ((Map<?, ?>) back).get("set"))).isEqualTo(List.of("b", "a", "c"));
        assertThat(roundTrip(null)).isNull();
        assertThat(roundTrip("中文 queue")).isEqualTo("中文 queue");
    }

    @Test
    void aScreenPopOfferTakesAFractionOfJavaSerialisationsBytes() throws IOException {
        CallOffered offer = new CallOffered(new CallContext("20261203-n1-000042", "13800138000", "12345", 42L,
                "张三", CustomerClass.VIP, "1>2", "2", "repair", 5, AT, AT), "alice", "PJSIP/1001", AT);
        ByteArrayOutputStream java = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(java)) {
            out.writeObject(offer);
        }

        byte[] compact = RecordCodec.toBytes(offer);

        assertThat(compact.length * 2).isLessThan(java.size());
        assertThat(RecordCodec.fromBytes(compact, 0, compact.length)).isEqualTo(offer);
    }

    @Test
    void aRecordNamedOutsideHotlinesPackagesIsRefusedNotBuilt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] name = "java.lang.ProcessBuilder".getBytes(StandardCharsets.UTF_8);
            out.writeByte(9); // a record
            out.writeInt(name.length);
            out.write(name);
            out.writeByte(0);
        }
        byte[] foreign = bytes.toByteArray();

        assertThatThrownBy(() -> RecordCodec.fromBytes(foreign, 0, foreign.length))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("java.lang.ProcessBuilder is not one of Hotline's records");
    }

    @Test
    void aSerializableOfAnotherKindTravelsButAForeignClassIsNotReadBack() {
        assertThat(roundTrip(new java.math.BigDecimal("12.50"))).isEqualTo(new java.math.BigDecimal("12.50"));
        byte[] foreign = RecordCodec.toBytes(new java.net.InetSocketAddress(1));
        assertThatThrownBy(() -> RecordCodec.fromBytes(foreign, 0, foreign.length))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aValueThatIsNotSerializableIsRefusedWhenSent() {
        assertThatThrownBy(() -> RecordCodec.toBytes(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object cannot be sent to another node");
    }

    private static Object roundTrip(Object value) {
        byte[] bytes = RecordCodec.toBytes(value);
        return RecordCodec.fromBytes(bytes, 0, bytes.length);
    }

    /** The records under a sealed interface, however deep. */
    private static List<Class<?>> concrete(Class<?> sealed) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                found.addAll(concrete(sub));
            } else {
                found.add(sub);
            }
        }
        return found;
    }

    /** A value of {@code type} with every component set (no nulls), so a component the codec cannot carry shows. */
    private static Object sample(Class<?> type, Type generic) {
        if (type == String.class) {
            return "s-" + type.hashCode() % 7;
        } else if (type == int.class || type == Integer.class) {
            return 7;
        } else if (type == long.class || type == Long.class) {
            return 42L;
        } else if (type == boolean.class || type == Boolean.class) {
            return true;
        } else if (type == double.class || type == Double.class) {
            return 0.5;
        } else if (type == Instant.class) {
            return AT;
        } else if (type == Duration.class) {
            return Duration.ofSeconds(90);
        } else if (type == LocalDate.class) {
            return LocalDate.of(2026, 12, 3);
        } else if (type.isEnum()) {
            return type.getEnumConstants()[type.getEnumConstants().length - 1];
        } else if (type == List.class || type == Set.class || type == Map.class) {
            Type[] args = ((ParameterizedType) generic).getActualTypeArguments();
            Object element = sample(raw(args[0]), args[0]);
            if (type == Map.class) {
                return Map.of(element, sample(raw(args[1]), args[1]));
            }
            return type == List.class ? List.of(element) : Set.of(element);
        } else if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = sample(types[i], components[i].getGenericType());
            }
            try {
                var constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot build a sample " + type.getName(), e);
            }
        } else if (type.isSealed()) {
            Class<?> first = concrete(type).getFirst();
            return sample(first, first);
        } else if (type.isInterface()) {
            return null; // a handle that stays on its node (a waiting call): not sent
        }
        throw new AssertionError("no sample for " + type.getName());
    }

    private static Class<?> raw(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }
}
