package org.hotline.platform.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's values between the nodes of a cluster (events, ACD commands and answers, requests to another
 * node) in a compact binary form: a tag per value, a record as its class name and its components in order, an enum
 * as its constant's name. Java serialisation, which the cluster used first, writes a class descriptor per object
 * and reads records back through the reflective stream machinery: about ten times the bytes and most of the CPU a
 * call spent between nodes. Records and enums are read back only for Hotline's own classes ({@code org.hotline.*}),
 * so a stray class name on the cluster's port is refused, never instantiated. A value of another kind that is
 * {@link Serializable} (rare: a switch's answer object) still travels in Java serialisation, through
 * {@link #JAVA_FILTER}.
 *
 * <p>Collections come back unmodifiable, in their order (lists, sets and maps in insertion order), which is what the
 * records' compact constructors make of them anyway. Every node runs the same code, so no schema travels: a record
 * whose components change between two versions cannot be read by a node of the other version (a rolling upgrade
 * of the cluster is not supported; nodes of one cluster run one version).
 */
public final class RecordCodec {
    /** What Java serialisation may read back: Hotline's and the JDK's value classes. */
    public static final ObjectInputFilter JAVA_FILTER = ObjectInputFilter.Config.createFilter(
            "org.hotline.**;java.lang.*;java.time.*;java.util.*;java.math.*;maxdepth=20;maxbytes=4000000;!*");
    private static final String OWN = "org.hotline.";

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte TRUE = 4;
    private static final byte FALSE = 5;
    private static final byte INSTANT = 6;
    private static final byte DURATION = 7;
    private static final byte ENUM = 8;
    private static final byte RECORD = 9;
    private static final byte LIST = 10;
    private static final byte SET = 11;
    private static final byte MAP = 12;
    private static final byte DOUBLE = 13;
    private static final byte LOCAL_DATE = 14;
    private static final byte JAVA = 15;

    private static final ClassValue<RecordType> WRITE_TYPES = new ClassValue<>() {
        @Override
        protected RecordType computeValue(Class<?> type) {
            return new RecordType(type);
        }
    };
    private static final Map<String, Object> READ_TYPES = new ConcurrentHashMap<>();

    private RecordCodec() {
    }

    /** {@code value} in this codec's form. */
    public static byte[] toBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getName() + " for another node", e);
        }
        return bytes.toByteArray();
    }

    /** The value {@link #toBytes} wrote into {@code bytes[offset, offset + length)}. */
    public static Object fromBytes(byte[] bytes, int offset, int length) {
        try {
            return read(new DataInputStream(new ByteArrayInputStream(bytes, offset, length)));
        } catch (IOException e) {
            throw new UncheckedIOException("a value from another node could not be read", e);
        }
    }

    /**
     * Writes {@code value}: null, a string, a boxed int, long, double or boolean, an instant, a duration, a date,
     * Hotline's records and enums, lists, sets and maps of these, or (in Java serialisation) another serializable.
     *
     * @throws IllegalArgumentException for a value of none of these kinds
     */
    public static void write(DataOutput out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeByte(NULL);
            case String s -> {
                out.writeByte(STRING);
                writeString(out, s);
            }
            case Integer i -> {
                out.writeByte(INT);
                out.writeInt(i);
            }
            case Long l -> {
                out.writeByte(LONG);
                out.writeLong(l);
            }
            case Boolean b -> out.writeByte(b ? TRUE : FALSE);
            case Instant t -> {
                out.writeByte(INSTANT);
                out.writeLong(t.getEpochSecond());
                out.writeInt(t.getNano());
            }
            case Duration d -> {
                out.writeByte(DURATION);
                out.writeLong(d.getSeconds());
                out.writeInt(d.getNano());
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            }
            case LocalDate d -> {
                out.writeByte(LOCAL_DATE);
                out.writeLong(d.toEpochDay());
            }
            case Enum<?> e when isOwn(e.getDeclaringClass()) -> {
                out.writeByte(ENUM);
                writeString(out, e.getDeclaringClass().getName());
                writeString(out, e.name());
            }
            case Record r when isOwn(r.getClass()) -> {
                out.writeByte(RECORD);
                WRITE_TYPES.get(r.getClass()).write(out, r);
            }
            case List<?> list -> writeElements(out, LIST, list);
            case Set<?> set -> writeElements(out, SET, set);
            case Map<?, ?> map -> {
                out.writeByte(MAP);
                out.writeInt(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    write(out, e.getKey());
                    write(out, e.getValue());
                }
            }
            case Serializable other -> {
                byte[] bytes = javaBytes(other);
                out.writeByte(JAVA);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            default -> throw new IllegalArgumentException(value.getClass().getName()
                    + " cannot be sent to another node: not a value this codec knows nor serializable");
        }
    }

    /** Reads a value {@link #write} wrote. */
    public static Object read(DataInput in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case STRING -> readString(in);
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case DURATION -> Duration.ofSeconds(in.readLong(), in.readInt());
            case DOUBLE -> in.readDouble();
            case LOCAL_DATE -> LocalDate.ofEpochDay(in.readLong());
            case ENUM -> enumConstant(readString(in), readString(in));
            case RECORD -> recordType(readString(in)).read(in);
            case LIST -> Collections.unmodifiableList(readElements(in, new ArrayList<>()));
            case SET -> Collections.unmodifiableSet(readElements(in, new LinkedHashSet<>()));
            case MAP -> {
                int size = in.readInt();
                Map<Object, Object> map = new LinkedHashMap<>(Math.max(4, size * 2));
                for (int i = 0; i < size; i++) {
                    map.put(read(in), read(in));
                }
                yield Collections.unmodifiableMap(map);
            }
            case JAVA -> {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                yield javaValue(bytes);
            }
            default -> throw new IOException("unknown value tag " + tag + " (a node of another version?)");
        };
    }

    private static boolean isOwn(Class<?> type) {
        return type.getName().startsWith(OWN);
    }

    private static void writeElements(DataOutput out, byte tag, Collection<?> values) throws IOException {
        out.writeByte(tag);
        out.writeInt(values.size());
        for (Object v : values) {
            write(out, v);
        }
    }

    private static <C extends Collection<Object>> C readElements(DataInput in, C into) throws IOException {
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            into.add(read(in));
        }
        return into;
    }

    private static void writeString(DataOutput out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 16_000_000) {
            throw new IOException("a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Object enumConstant(String className, String name) throws IOException {
        Object type = READ_TYPES.computeIfAbsent(className, RecordCodec::lookUp);
        if (!(type instanceof Class<?> c) || !c.isEnum()) {
            throw new IOException(className + " is not one of Hotline's enums");
        }
        for (Object constant : c.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IOException(className + " has no constant " + name + " (a node of another version?)");
    }

    private static RecordType recordType(String className) throws IOException {
        Object type = READ_TYPES.computeIfAbsent(className, name -> {
            Object found = lookUp(name);
            return found instanceof Class<?> c && c.isRecord() ? WRITE_TYPES.get(c) : found;
        });
        if (!(type instanceof RecordType r)) {
            throw new IOException(className + " is not one of Hotline's records");
        }
        return r;
    }

    /** The class, or the reason it is refused (a string), for one name that came over the wire. */
    private static Object lookUp(String className) {
        if (!className.startsWith(OWN)) {
            return "refused: " + className;
        }
        try {
            Class<?> c = Class.forName(className, false, RecordCodec.class.getClassLoader());
            return c.isRecord() || c.isEnum() ? c : "refused: " + className;
        } catch (ClassNotFoundException e) {
            return "unknown: " + className;
        }
    }

    private static byte[] javaBytes(Serializable value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object javaValue(byte[] bytes) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(JAVA_FILTER);
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("a value from another node names an unknown class", e);
        }
    }

    /** A record's name, accessors and canonical constructor, looked up once per class. */
    private static final class RecordType {
        private final byte[] name;
        private final Method[] accessors;
        private final Constructor<?> constructor;

        RecordType(Class<?> type) {
            this.name = type.getName().getBytes(StandardCharsets.UTF_8);
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            this.accessors = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                types[i] = components[i].getType();
            }
            try {
                this.constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
            }
        }

        void write(DataOutput out, Record r) throws IOException {
            out.writeInt(name.length);
            out.write(name);
            out.writeByte(accessors.length);
            for (Method accessor : accessors) {
                try {
                    RecordCodec.write(out, accessor.invoke(r));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + accessor, e);
                }
            }
        }

        Object read(DataInput in) throws IOException {
            int count = in.readUnsignedByte();
            if (count != accessors.length) {
                throw new IOException(constructor.getDeclaringClass().getName() + " with " + count
                        + " components, here it has " + accessors.length + " (a node of another version?)");
            }
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = RecordCodec.read(in);
            }
            try {
                return constructor.newInstance(values);
            } catch (InstantiationException | IllegalAccessException | IllegalArgumentException e) {
                throw new IOException("cannot build " + constructor.getDeclaringClass().getName(), e);
            } catch (InvocationTargetException e) {
                throw new IOException(constructor.getDeclaringClass().getName() + " refused what arrived: "
                        + e.getCause(), e.getCause());
            }
        }
    }
}
