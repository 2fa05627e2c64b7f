package org.hotline.ticketing.db;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.factory.DefaultObjectFactory;

/**
 * MyBatis's object factory with each result type's constructor looked up and made accessible once. The default
 * factory looks the constructor up for every row and calls it; for a row type that is not public (a feature's
 * package-private {@code CustomerRow} record) that call throws an {@code IllegalAccessException} before it retries
 * with access enabled: an exception with its stack trace for every customer read, thousands a minute at a busy
 * hotline (seen with JFR in {@code hotline bench call-cost}).
 */
final class RowFactory extends DefaultObjectFactory {
    private static final long serialVersionUID = 1L;

    private record Key(Class<?> type, List<Class<?>> argTypes) {
    }

    private final transient ConcurrentMap<Key, Constructor<?>> constructors = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> T create(Class<T> type, List<Class<?>> constructorArgTypes, List<Object> constructorArgs) {
        Class<?> concrete = resolveInterface(type);
        List<Class<?>> argTypes = constructorArgTypes == null ? List.of() : List.copyOf(constructorArgTypes);
        Constructor<?> constructor = constructors.computeIfAbsent(new Key(concrete, argTypes), k -> {
            try {
                Constructor<?> c = k.type().getDeclaredConstructor(k.argTypes().toArray(Class<?>[]::new));
                c.setAccessible(true);
                return c;
            } catch (NoSuchMethodException | RuntimeException e) {
                throw new ReflectionException("no constructor " + k.type().getName() + k.argTypes()
                        + " to create a row with", e);
            }
        });
        try {
            return (T) constructor.newInstance(constructorArgs == null ? new Object[0] : constructorArgs.toArray());
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                 | IllegalArgumentException e) {
            throw new ReflectionException("creating " + concrete.getName() + " with " + constructorArgs + " failed",
                    e);
        }
    }
}
