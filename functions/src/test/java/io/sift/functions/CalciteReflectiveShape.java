package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What Calcite 1.42.0's reflective registration reads, checked without Calcite: its
 * {@code ReflectiveFunctionBase.findMethod} takes the first public method of a name that
 * {@link Class#getMethods()} lists, so a name must not be overloaded.
 */
final class CalciteReflectiveShape {
  private CalciteReflectiveShape() {}

  /** The one public static method of that name. */
  static Method method(Class<?> type, String name) {
    List<Method> methods = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).collect(Collectors.toList());
    assertEquals(1, methods.size(), type.getSimpleName() + "." + name + " must exist exactly once: " + methods);
    Method method = methods.get(0);
    assertTrue(Modifier.isStatic(method.getModifiers()), method + " must be static");
    return method;
  }

  /** {@code AggregateFunctionImpl.create}: A init(), A add(A, V...), A merge(A, A), R result(A). */
  static void assertAggregate(Class<?> type, Class<?> resultType, Class<?>... valueTypes) {
    Class<?> accumulator = method(type, "init").getReturnType();
    assertTrue(Modifier.isPublic(accumulator.getModifiers()), "the accumulator must be public");
    Method add = method(type, "add");
    Class<?>[] addParameters = add.getParameterTypes();
    assertEquals(accumulator, addParameters[0]);
    assertEquals(List.of(valueTypes), List.of(addParameters).subList(1, addParameters.length));
    assertEquals(accumulator, add.getReturnType());
    Method merge = method(type, "merge");
    assertEquals(List.of(accumulator, accumulator), List.of(merge.getParameterTypes()));
    assertEquals(accumulator, merge.getReturnType());
    Method result = method(type, "result");
    assertEquals(List.of(accumulator), List.of(result.getParameterTypes()));
    assertEquals(resultType, result.getReturnType());
  }
}
