package io.driftless.functions.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The AWS API actions a function's code can call, read from the compiled classes that go into
 * function.zip: a call graph from the function's {@code @Funq} method and the start-up code (CDI
 * producers and start-up observers), with calls on an interface or a superclass followed to every
 * implementation among those classes (class hierarchy analysis) and lambdas followed to their bodies.
 * An action is an AWS SDK v2 client method ({@code DynamoDbClient.getItem} is {@code
 * dynamodb:GetItem}; a {@code ...Paginator} is its operation) or the operation a signed request names
 * in its {@code X-Amz-Target} header ({@code secretsmanager.GetSecretValue}).
 */
final class AwsCalls {
  private static final Pattern CLIENT = Pattern.compile("software/amazon/awssdk/services/(\\w+)/\\w+Client");
  private static final Pattern TARGET = Pattern.compile("([a-z]+)\\.([A-Z]\\w+)");
  private static final Set<String> NOT_OPERATIONS =
      Set.of("builder", "create", "close", "serviceName", "waiter", "utilities", "serviceClientConfiguration");
  private static final String FUNQ = "Lio/quarkus/funqy/Funq;";
  private static final Set<String> START_UP =
      Set.of("Ljakarta/enterprise/inject/Produces;", "Ljakarta/enterprise/event/Observes;");

  private final Map<String, ClassNode> classes = new HashMap<>();
  private final Map<String, Set<String>> subtypes = new HashMap<>();

  /** Reads every class under {@code roots} (target/classes directories). */
  AwsCalls(List<Path> roots) throws IOException {
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          ClassNode node = new ClassNode();
          try (InputStream in = Files.newInputStream(file)) {
            new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
          }
          classes.put(node.name, node);
        }
      }
    }
    for (ClassNode c : classes.values()) {
      List<String> supers = new ArrayList<>(c.interfaces);
      if (c.superName != null) {
        supers.add(c.superName);
      }
      supers.forEach(s -> subtypes.computeIfAbsent(s, k -> new HashSet<>()).add(c.name));
    }
  }

  /**
   * The actions reachable from {@code export}'s {@code @Funq} method in {@code functionsClass} and from
   * the start-up code in the same package, never entering a method in {@code skipped}
   * ({@code owner.name}).
   */
  Set<String> actions(String functionsClass, String export, Set<String> skipped) {
    Deque<String> todo = new ArrayDeque<>();
    ClassNode functions = classes.get(functionsClass);
    String pkg = functionsClass.substring(0, functionsClass.lastIndexOf('/') + 1);
    for (MethodNode m : functions.methods) {
      if (m.name.equals(export) && annotated(m.visibleAnnotations, FUNQ)) {
        todo.add(key(functionsClass, m));
      }
    }
    if (todo.isEmpty()) {
      throw new AssertionError(functionsClass + " has no @Funq method " + export);
    }
    for (ClassNode c : classes.values()) {
      if (c.name.startsWith(pkg) && c.name.indexOf('/', pkg.length()) < 0) {
        c.methods.stream().filter(AwsCalls::startUp).forEach(m -> todo.add(key(c.name, m)));
      }
    }
    Set<String> seen = new HashSet<>();
    Set<String> actions = new TreeSet<>();
    while (!todo.isEmpty()) {
      String method = todo.poll();
      if (!seen.add(method) || skipped.contains(method.substring(0, method.indexOf('(')))) {
        continue;
      }
      MethodNode node = method(method);
      if (node == null || node.instructions == null) {
        continue;
      }
      boolean signed = false;
      List<String> targets = new ArrayList<>();
      for (AbstractInsnNode insn : node.instructions) {
        if (insn instanceof MethodInsnNode call) {
          action(call.owner, call.name).ifPresent(actions::add);
          overrides(call.owner, call.name + call.desc).forEach(todo::add);
        } else if (insn instanceof InvokeDynamicInsnNode indy) {
          for (Object arg : indy.bsmArgs) {
            if (arg instanceof Handle h && h.getTag() >= Opcodes.H_INVOKEVIRTUAL) {
              action(h.getOwner(), h.getName()).ifPresent(actions::add);
              overrides(h.getOwner(), h.getName() + h.getDesc()).forEach(todo::add);
            }
          }
        } else if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String text) {
          signed |= text.equals("X-Amz-Target");
          targets.add(text);
        }
      }
      if (signed) {
        for (String text : targets) {
          Matcher m = TARGET.matcher(text);
          if (m.matches()) {
            actions.add(m.group(1) + ":" + m.group(2));
          }
        }
      }
    }
    return actions;
  }

  private static boolean startUp(MethodNode m) {
    if (annotated(m.visibleAnnotations, START_UP)) {
      return true;
    }
    if (m.visibleParameterAnnotations != null) {
      for (List<AnnotationNode> parameter : m.visibleParameterAnnotations) {
        if (annotated(parameter, START_UP)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean annotated(List<AnnotationNode> annotations, String desc) {
    return annotated(annotations, Set.of(desc));
  }

  private static boolean annotated(List<AnnotationNode> annotations, Set<String> descs) {
    return annotations != null && annotations.stream().anyMatch(a -> descs.contains(a.desc));
  }

  /** {@code owner.nameDesc} and the same method in every subtype of {@code owner} read here. */
  private List<String> overrides(String owner, String nameDesc) {
    List<String> found = new ArrayList<>();
    Deque<String> types = new ArrayDeque<>(List.of(owner));
    Set<String> seen = new HashSet<>();
    while (!types.isEmpty()) {
      String type = types.poll();
      if (seen.add(type)) {
        found.add(type + "." + nameDesc);
        types.addAll(subtypes.getOrDefault(type, Set.of()));
      }
    }
    return found;
  }

  private MethodNode method(String key) {
    int dot = key.lastIndexOf('.', key.indexOf('('));
    ClassNode c = classes.get(key.substring(0, dot));
    String nameDesc = key.substring(dot + 1);
    return c == null ? null
        : c.methods.stream().filter(m -> (m.name + m.desc).equals(nameDesc)).findFirst().orElse(null);
  }

  private static String key(String owner, MethodNode m) {
    return owner + "." + m.name + m.desc;
  }

  private static Optional<String> action(String owner, String method) {
    Matcher client = CLIENT.matcher(owner);
    if (!client.matches() || NOT_OPERATIONS.contains(method)) {
      return Optional.empty();
    }
    String operation = method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
    return Optional.of(client.group(1) + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
  }
}
