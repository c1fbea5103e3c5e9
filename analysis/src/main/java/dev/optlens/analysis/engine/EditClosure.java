package dev.optlens.analysis.engine;

import dev.optlens.analysis.decision.Decision;
import dev.optlens.analysis.decision.DecisionKind;
import dev.optlens.analysis.decision.ExplanationStep;
import dev.optlens.analysis.decision.InlinedCall;
import dev.optlens.analysis.slice.FunctionSlice;
import dev.optlens.analysis.slice.SliceMember;
import dev.optlens.analysis.slice.SlicePlace;
import dev.optlens.analysis.syntax.GoFunction;
import dev.optlens.analysis.syntax.GoSource;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The package's complete result after an edit inside one function, from a compile of the edit's
 * closure instead of the package. What the edited function's body decides reaches the rest of the
 * package only through its facts — whether it inlines and at what cost, and its parameters' escape
 * tags — and through the functions that hold a copy of it: those that inline it (the compiler
 * prints each inlined call, however deep, in the function it lands in), those that call it back
 * (escape analysis reads a cycle of calls as one whole) and those that take it as a method value
 * (the wrapper made there joins its explanations). Those members are compiled in one slice;
 * when every member's facts are what the last complete result says, that result with the members'
 * decisions replaced is what a package compile prints. Otherwise the package compile answers.
 */
public final class EditClosure {
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{Nd}_]*");

    private EditClosure() {
    }

    /**
     * What the slice needs besides the edited function: the places of the functions that inline it,
     * found in the last complete result ({@code base}); or why no closure can stand for the package.
     */
    public record Plan(List<SlicePlace> inliners, Optional<String> refused) {
        static Plan refuse(String why) {
            return new Plan(List.of(), Optional.of(why));
        }
    }

    /**
     * @param edited  the edited function in the current text
     * @param sources the package's files' current syntax
     */
    public static Plan plan(List<Decision> base, Path file, GoFunction edited, Function<Path, Optional<GoSource>> sources) {
        Optional<GoSource> own = sources.apply(file);
        if (own.isEmpty()) return Plan.refuse("the edited file has no syntax");
        int afterName = own.get().lines().offsetOf(edited.nameRange().end());
        // A generic function's calls name its instances (appendString[go.shape.string], (*T[go.shape.int]).M).
        boolean generic = edited.receiver().map(r -> r.contains("[")).orElse(false) || (afterName < own.get().bytes().length
                && own.get().bytes()[afterName] == '[');
        // Inlined calls name their callee as the compiler prints it; the functions they land in, by the same rule.
        Map<String, Path> members = new LinkedHashMap<>();
        members.put(edited.name(), file);
        Deque<String> queue = new ArrayDeque<>(List.of(edited.name()));
        while (!queue.isEmpty()) {
            String callee = queue.pop();
            boolean instances = generic && callee.equals(edited.name());
            for (Decision d : base) {
                if (d.kind() != DecisionKind.INLINED_CALL) continue;
                boolean qualified = instances ? InlinedCall.calls(d.message(), callee, true) && !InlinedCall.calls(d.message(), callee, false)
                        : d.subject().endsWith("." + callee) && callee.equals(edited.name());
                if (qualified) {
                    // Printed qualified: inlined into another package's code compiled with this one (its external tests).
                    return Plan.refuse(callee + " is inlined by another package's code (" + d.file().getFileName() + ":" + d.line() + ")");
                }
                if (instances ? !InlinedCall.calls(d.message(), callee, false) : !callee.equals(d.subject())) continue;
                if (d.function().isEmpty()) return Plan.refuse(callee + " is inlined outside any function (" + d.file().getFileName() + ":" + d.line() + ")");
                if (members.putIfAbsent(d.function(), d.file()) == null) queue.add(d.function());
            }
        }
        List<SlicePlace> places = new ArrayList<>();
        for (Map.Entry<String, Path> m : members.entrySet()) {
            if (m.getKey().equals(edited.name())) continue;
            Optional<GoSource> src = sources.apply(m.getValue());
            List<GoFunction> named = src.map(s -> s.functions().stream().filter(g -> g.name().equals(m.getKey())).toList()).orElse(List.of());
            if (named.size() != 1) return Plan.refuse(m.getKey() + " (which inlines " + edited.name() + ") is not one function of " + m.getValue().getFileName());
            places.add(new SlicePlace(m.getValue(), named.get(0).range().start().line() + 1));
        }
        if (own.get().functions().stream().filter(g -> g.name().equals(edited.name())).count() != 1) {
            return Plan.refuse("several functions of " + file.getFileName() + " are named " + edited.name());
        }
        return new Plan(places, Optional.empty());
    }

    /**
     * A closure's answer: the slice (when one could be made) and, when it does not stand for the
     * package, why; then the package compile answers, and the slice is the edited function's alone.
     * {@code factsChanged}: the edited function's facts were found changed (its callers were compiled).
     */
    public record Result(Optional<FunctionSlice> slice, Optional<String> fallback, boolean factsChanged) {
        /** A closure that found the edited function's facts kept, or never compiled. */
        public Result(Optional<FunctionSlice> slice, Optional<String> fallback) {
            this(slice, fallback, false);
        }

        public boolean complete() {
            return slice.isPresent() && fallback.isEmpty();
        }
    }

    /**
     * Why the slice cannot stand for the package with its members in a cycle of calls, or empty when
     * it can. The compiler weighs a cycle's functions one after another, in an order the whole
     * package's references decide, and a function's cost counts a callee's inline cost only once that
     * callee is weighed (before, the call costs what any call costs) — encoding/json's scanner states:
     * stateEndValue costs 645 in the package, 597 in a slice. A cycle the slice weighed in the
     * package's order ({@code packageOrder}, see {@link WeighOrder}) stands. Otherwise, that order
     * counts only where a member calls a function of its cycle that inlines. Where none does, every
     * cost, every inlining and every escape is the same in any order, so the slice's are the package's.
     * (Should one of those callees inline in the package's order, take the first weighed there: what it
     * calls of its cycle does not inline, so it costs what it costs in the slice, where it would inline too.)
     */
    static Optional<String> orderDecides(FunctionSlice slice, Optional<List<String>> packageOrder) {
        Set<String> inlines = new HashSet<>();
        for (Decision d : slice.decisions()) inlinable(d).ifPresent(inlines::add);
        Map<Integer, List<String>> cycles = new TreeMap<>();
        for (SliceMember m : slice.members()) if (m.cycleId() > 0) cycles.computeIfAbsent(m.cycleId(), k -> new ArrayList<>()).add(m.name());
        for (SliceMember m : slice.members()) {
            if (m.cycleId() > 0 && packageOrder.isPresent() && sameOrder(cycles.get(m.cycleId()), slice.weighed(), packageOrder.get())) continue;
            for (String callee : m.callsInCycle()) {
                if (inlines.contains(callee)) {
                    return Optional.of(m.name() + " is in a cycle of calls with " + m.cycle() + (m.cycle() == 1 ? " other function" : " other functions")
                            + " and calls " + callee + ", which inlines: its cost depends on the order the whole package weighs the cycle in"
                            + (packageOrder.isEmpty() ? " (not known for this text: no package compile of it, or its functions refer to each other"
                            + " differently since)" : ", and the slice weighed it in another"));
                }
            }
        }
        return Optional.empty();
    }

    /** A name the compiler gives by the whole package: a function's own type's number, go1.27's closure hash. */
    private static final Pattern LOCAL_TYPE = Pattern.compile("[\\p{L}_][\\p{L}\\p{Nd}_]*·\\d+|[^\\s#(]+#[A-Za-z0-9+/=]+#");

    /**
     * Why the slice cannot stand for the package when its decisions use a name the compiler gives by
     * the whole package, and the package's decisions do not hold it: the number of a type declared
     * inside a function ({@code handshaker·7} in net/http's dialConn; a slice, which leaves the other
     * functions' types out, numbers them anew: {@code handshaker·2}), and the hash go1.27 gives a
     * closure ({@code underIs.func1#ULY8wfq1pug=#} in go/types, another in a slice).
     */
    static Optional<String> localTypeNumbers(List<Decision> base, FunctionSlice slice) {
        Set<String> known = new HashSet<>();
        for (Decision d : base) localTypes(d).forEach(known::add);
        for (Decision d : slice.decisions()) {
            for (String name : localTypes(d)) {
                if (!known.contains(name)) {
                    return Optional.of(d.function() + " names " + name + ", a name the package compile did not give"
                            + " (the compiler numbers a function's own types, and go1.27 names closures, across the package)");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Why the slice cannot stand for the package when the rest of the last result names a closure by
     * go1.27's hash ({@code underIs.func1#RMgI/RZtu4k=#}) and the edit moves the places that hash is
     * made from: the hash is of the closure's place in the package's inlining order, one place per
     * inlined call, in the order the functions are compiled. A member that inlines more or fewer calls
     * than the last result says, or whose own inlinability changed (the wrappers the compiler makes
     * inline it or not), moves every place after it; no slice compiles those functions. Empty when
     * the rest names no such closure, or each member inlines as many calls as before and the functions
     * refer to each other as they did at the last package compile ({@code orderHolds}: the compile
     * order, which a new reference can change, is the one the hashes were made in).
     */
    static Optional<String> inliningPlaces(List<Decision> base, FunctionSlice slice, boolean orderHolds) {
        Optional<String> hashed = base.stream().filter(d -> !isMember(slice, d)).flatMap(d -> localTypes(d).stream())
                .filter(n -> n.endsWith("#")).findFirst();
        if (hashed.isEmpty()) return Optional.empty();
        String why = " (go1.27 names " + hashed.get() + " by its place in the package's inlining order, which moves after it)";
        if (!orderHolds) return Optional.of("the functions no longer refer to each other as at the last package compile" + why);
        Map<String, Integer> before = new TreeMap<>();
        Map<String, Integer> after = new TreeMap<>();
        for (Decision d : base) if (d.kind() == DecisionKind.INLINED_CALL && isMember(slice, d)) before.merge(d.function(), 1, Integer::sum);
        for (Decision d : slice.decisions()) if (d.kind() == DecisionKind.INLINED_CALL && isMember(slice, d)) after.merge(d.function(), 1, Integer::sum);
        Set<String> names = new HashSet<>();
        slice.members().forEach(m -> names.add(m.name()));
        Map<String, List<String>> wasFacts = facts(base, names);
        Map<String, List<String>> nowFacts = facts(slice.decisions(), names);
        for (String n : names) {
            int was = before.getOrDefault(n, 0);
            int now = after.getOrDefault(n, 0);
            if (was != now) return Optional.of(n + " inlines " + now + (now == 1 ? " call" : " calls") + " now, " + was + " before" + why);
            if (inlines(wasFacts.getOrDefault(n, List.of())) != inlines(nowFacts.getOrDefault(n, List.of()))) {
                return Optional.of(n + (inlines(nowFacts.getOrDefault(n, List.of())) ? " inlines now" : " no longer inlines") + why);
            }
        }
        return Optional.empty();
    }

    private static boolean inlines(List<String> facts) {
        return facts.stream().anyMatch(f -> f.startsWith("can inline "));
    }

    private static final Pattern NUMBERED_TYPE = Pattern.compile("([\\p{L}_][\\p{L}\\p{Nd}_]*)·(\\d+)");

    /**
     * Why the last complete result ({@code base}) cannot stand for the current text beside any slice:
     * one of its decisions names a type declared inside a function by its number ({@code handshaker·2}),
     * and that number is another type's in the current text. The compiler numbers those types across
     * the package, file after file (test files after the others, an external test package on its own),
     * so an edit that declares or removes one renumbers every later one, in functions no slice compiles.
     *
     * @param files the files of the build, as the package compile is given them
     */
    public static Optional<String> renumbered(List<Decision> base, java.util.Collection<Path> files, Path edited,
                                              Function<Path, Optional<GoSource>> sources) {
        Map<String, List<String>> numbered = null; // the text's, read at the first numbered name
        Map<Path, String> packageOf = new HashMap<>();
        for (Decision d : base) {
            for (String name : localTypes(d)) {
                java.util.regex.Matcher m = NUMBERED_TYPE.matcher(name);
                if (!m.matches()) continue; // a go1.27 closure hash
                if (numbered == null) {
                    numbered = new HashMap<>();
                    List<Path> ordered = new ArrayList<>(new java.util.TreeSet<>(files));
                    ordered.sort(java.util.Comparator.comparing(PackageReport::isTestFile)); // stable: by name within each
                    for (Path f : ordered) {
                        Optional<GoSource> src = sources.apply(f);
                        if (src.isEmpty()) return Optional.of(f.getFileName() + " has no syntax: the numbers of the types declared inside functions are not known");
                        String pkg = src.get().packageName().orElse("");
                        packageOf.put(f, pkg);
                        numbered.computeIfAbsent(pkg, k -> new ArrayList<>()).addAll(src.get().localTypes());
                    }
                }
                List<String> types = numbered.getOrDefault(packageOf.getOrDefault(d.file(), packageOf.getOrDefault(edited, "")), List.of());
                int n;
                try {
                    n = Integer.parseInt(m.group(2));
                } catch (NumberFormatException e) {
                    n = 0;
                }
                String now = n >= 1 && n <= types.size() ? types.get(n - 1) : null;
                if (!m.group(1).equals(now)) {
                    return Optional.of("the package compile named " + name + " (" + (d.file() == null ? "?" : d.file().getFileName()) + ":" + d.line()
                            + "), and type " + n + " declared inside a function is " + (now == null ? "none" : now)
                            + " now: the compiler numbers those types across the package, and an edit declared or removed one");
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> localTypes(Decision d) {
        List<String> out = new ArrayList<>();
        if (d.message().indexOf('·') >= 0 || d.message().indexOf('#') >= 0) LOCAL_TYPE.matcher(d.message()).results().forEach(r -> out.add(r.group()));
        for (ExplanationStep st : d.explanation()) {
            if (st.message().indexOf('·') >= 0 || st.message().indexOf('#') >= 0) {
                LOCAL_TYPE.matcher(st.message()).results().forEach(r -> out.add(r.group()));
            }
        }
        return out;
    }

    /** Whether two orders hold every one of {@code cycle}'s functions, in the same order. */
    static boolean sameOrder(List<String> cycle, List<String> a, List<String> b) {
        Set<String> in = new HashSet<>(cycle);
        List<String> ra = a.stream().filter(in::contains).distinct().toList();
        List<String> rb = b.stream().filter(in::contains).distinct().toList();
        return ra.size() == in.size() && ra.equals(rb);
    }

    /**
     * The function a "can inline" decision names ({@code can inline (*Checker).use with cost 62 as: …}):
     * not the one it is printed in, which is the enclosing function for a function literal's.
     */
    static Optional<String> inlinable(Decision d) {
        String prefix = "can inline ";
        if (d.kind() != DecisionKind.INLINE_CANDIDATE || !d.message().startsWith(prefix)) return Optional.empty();
        String rest = d.message().substring(prefix.length());
        int end = rest.indexOf(" with cost ");
        if (end < 0) end = rest.indexOf(" as: ");
        return Optional.of(end < 0 ? rest : rest.substring(0, end));
    }

    /**
     * Why the slice's members do not keep their facts, or empty when each member's facts that the rest
     * of the package reads are the base's: every member's; {@code withCallers} (the slice was asked for
     * every function that names a target), the callers' only (what reads a target's facts is in the slice).
     */
    public static Optional<String> changedFacts(List<Decision> base, FunctionSlice slice, boolean withCallers) {
        return changedFacts(base, slice, m -> !withCallers || m.role() != SliceMember.Role.TARGET);
    }

    /** Why the slice's targets (the edited function, those that inline it) do not keep their facts; empty when they do. */
    static Optional<String> targetsChanged(List<Decision> base, FunctionSlice slice) {
        return changedFacts(base, slice, m -> m.role() == SliceMember.Role.TARGET);
    }

    private static Optional<String> changedFacts(List<Decision> base, FunctionSlice slice, java.util.function.Predicate<SliceMember> which) {
        Set<String> names = new HashSet<>();
        slice.members().stream().filter(which).forEach(m -> names.add(m.name()));
        Map<String, List<String>> before = facts(base, names);
        Map<String, List<String>> after = facts(slice.decisions(), names);
        for (String n : names) {
            List<String> was = before.getOrDefault(n, List.of());
            List<String> now = after.getOrDefault(n, List.of());
            if (!was.equals(now)) {
                List<String> gone = new ArrayList<>(was);
                gone.removeAll(now);
                List<String> added = new ArrayList<>(now);
                added.removeAll(was);
                return Optional.of(n + "'s facts changed: " + (gone.isEmpty() ? "" : String.join("; ", gone) + " → ")
                        + (added.isEmpty() ? "(none)" : String.join("; ", added)));
            }
        }
        return Optional.empty();
    }

    /**
     * What the rest of the package reads of a function: its inlinability and cost (a caller's cost
     * counts an inlinable callee's) and its parameters' escape tags. A refusal's reason is not a
     * fact: only whether it inlines is.
     */
    static Map<String, List<String>> facts(List<Decision> decisions, Set<String> functions) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Decision d : decisions) {
            if (!functions.contains(d.function())) continue;
            String fact = switch (d.kind()) {
                case INLINE_CANDIDATE -> {
                    int as = d.message().indexOf(" as: ");
                    yield as < 0 ? d.message() : d.message().substring(0, as);
                }
                case LEAKING_PARAM -> d.message();
                case NO_ESCAPE -> IDENTIFIER.matcher(d.subject()).matches() ? d.message() : null;
                default -> null;
            };
            if (fact != null) out.computeIfAbsent(d.function(), k -> new ArrayList<>()).add(fact);
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /** At most this many functions join a closure because they take one of its methods as a value. */
    static final int MAX_METHOD_TAKERS = 16;

    /**
     * The plan with the functions that take one of its methods as a value ({@code me.encode}) among the
     * places sliced with the edited function, or why it cannot be: the compiler makes a wrapper there
     * ({@code mapEncoder.encode-fm}) whose flows join the method's escape explanations (encoding/json's
     * mapEncoder.encode: the package names three leaks of {@code e}, a slice without the function that
     * takes it two). A function that joins may itself be a method taken as a value: its takers join too.
     */
    public static Plan withMethodTakers(Plan plan, Path file, GoFunction edited, java.util.Collection<Path> files,
                                        Function<Path, Optional<GoSource>> sources) {
        if (plan.refused().isPresent()) return plan;
        List<SlicePlace> places = new ArrayList<>(plan.inliners());
        Set<String> inClosure = new HashSet<>();
        inClosure.add(file + "#" + (edited.range().start().line() + 1));
        places.forEach(p -> inClosure.add(p.file() + "#" + p.line()));
        Map<String, String> methods = new java.util.HashMap<>(); // a method's own name → its name as the compiler prints it
        addMethod(methods, edited.name());
        for (SlicePlace p : plan.inliners()) functionAt(p, sources).ifPresent(g -> addMethod(methods, g.name()));
        Optional<String> pkg = sources.apply(file).flatMap(GoSource::packageName);
        Set<String> searched = new HashSet<>();
        while (!searched.containsAll(methods.keySet())) {
            Set<String> names = new HashSet<>(methods.keySet());
            names.removeAll(searched);
            searched.addAll(names);
            for (Path f : files) {
                Optional<GoSource> src = sources.apply(f);
                // The external tests are another package: their wrappers are that package's.
                if (src.isEmpty() || !src.get().packageName().equals(pkg)) continue;
                for (dev.optlens.analysis.syntax.GoCalls.Selector sel : dev.optlens.analysis.syntax.GoCalls.selectorsNotCalled(src.get(), names)) {
                    Optional<GoFunction> taker = src.get().functionAt(sel.offset());
                    // Outside any function (a package variable's value): every slice keeps the package's declarations whole.
                    if (taker.isEmpty()) continue;
                    SlicePlace place = new SlicePlace(f, taker.get().range().start().line() + 1);
                    if (!inClosure.add(place.file() + "#" + place.line())) continue;
                    if (places.size() - plan.inliners().size() >= MAX_METHOD_TAKERS) {
                        return Plan.refuse("the closure's methods are taken as values in more than " + MAX_METHOD_TAKERS + " functions");
                    }
                    places.add(place);
                    addMethod(methods, taker.get().name());
                }
            }
        }
        return new Plan(places, Optional.empty());
    }

    private static void addMethod(Map<String, String> methods, String name) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) methods.putIfAbsent(name.substring(dot + 1), name);
    }

    private static Optional<GoFunction> functionAt(SlicePlace p, Function<Path, Optional<GoSource>> sources) {
        return sources.apply(p.file()).flatMap(s -> s.functionAt(s.lines().lineStart(p.line() - 1)));
    }

    /** Functions that take a member method as a value and are not members, and why a slice cannot stand without them. */
    public record Takers(List<SlicePlace> places, Optional<String> why) {
    }

    /** Of the functions that take a member method as a value ({@code takers}), those that are not members, and why that counts. */
    static Takers takersOutside(FunctionSlice slice, List<SlicePlace> takers) {
        List<SlicePlace> out = takers.stream().filter(t -> slice.members().stream()
                .noneMatch(m -> m.file().equals(t.file()) && m.startLine() == t.line())).toList();
        return new Takers(out, out.isEmpty() ? Optional.empty() : Optional.of("a member method is taken as a value in the function at "
                + out.get(0).file().getFileName() + ":" + out.get(0).line() + (out.size() > 1 ? " and " + (out.size() - 1) + " more" : "")));
    }

    /**
     * The functions that take one of the slice's member methods as a value and are not members (the
     * slicer added the method: a caller, a function of a cycle), each once; and why the slice cannot
     * stand without them, naming the first (see {@link #withMethodTakers}: its wrapper's flows would
     * be missing). Empty when there is none.
     */
    public static Takers methodValues(FunctionSlice slice, java.util.Collection<Path> files,
                                      Function<Path, Optional<GoSource>> sources) {
        Map<String, String> methods = new java.util.HashMap<>();
        for (SliceMember m : slice.members()) addMethod(methods, m.name());
        List<SlicePlace> places = new ArrayList<>();
        Optional<String> why = Optional.empty();
        if (methods.isEmpty()) return new Takers(places, why);
        Optional<String> pkg = sources.apply(slice.file()).flatMap(GoSource::packageName);
        for (Path f : files) {
            Optional<GoSource> src = sources.apply(f);
            if (src.isEmpty() || !src.get().packageName().equals(pkg)) continue;
            for (dev.optlens.analysis.syntax.GoCalls.Selector taken : dev.optlens.analysis.syntax.GoCalls.selectorsNotCalled(src.get(), methods.keySet())) {
                int line = taken.line();
                Optional<GoFunction> taker = src.get().functionAt(taken.offset());
                if (taker.isEmpty()) continue; // a package declaration: in the slice as it is
                boolean inMember = slice.members().stream().anyMatch(m -> m.file().equals(f) && m.startLine() <= line + 1 && line + 1 <= m.endLine());
                if (inMember) continue;
                SlicePlace place = new SlicePlace(f, taker.get().range().start().line() + 1);
                if (!places.contains(place)) places.add(place);
                if (why.isEmpty()) {
                    why = Optional.of(methods.get(taken.name()) + " may be taken as a value (" + f.getFileName() + ":" + (line + 1)
                            + ": " + src.get().lineText(line).strip() + ")");
                }
            }
        }
        return new Takers(places, why);
    }

    /**
     * Why the functions that name the targets are not all of what reads their facts: the package's
     * external tests (package {@code p_test}, compiled with it) read them from its export data.
     */
    public static Optional<String> externalTests(List<Decision> base, Function<Path, Optional<GoSource>> sources) {
        Set<Path> files = new HashSet<>();
        for (Decision d : base) if (d.file().getFileName().toString().endsWith("_test.go")) files.add(d.file());
        for (Path f : files) {
            if (sources.apply(f).flatMap(GoSource::packageName).map(n -> n.endsWith("_test")).orElse(false)) {
                return Optional.of("the external tests (" + f.getFileName() + ") read the changed facts");
            }
        }
        return Optional.empty();
    }

    /**
     * The slice with each decision's explanation in the base's order where the two hold the same flows
     * in another order. A method's decision also explains the wrappers the compiler makes for the
     * types that embed its receiver ({@code parameter b leaks to {heap} for (*Var).cmp}), in the order
     * the compile reaches those types: a slice, which leaves other bodies out, reaches them in another
     * order (go/types' {@code (*object).cmp}). The flows are the slice compile's, word for word; only
     * their order is the package compile's. A decision whose flows differ keeps the slice's.
     */
    public static FunctionSlice inBaseOrder(List<Decision> base, FunctionSlice slice) {
        Map<String, Decision> byPlace = new HashMap<>();
        for (Decision d : base) if (!d.explanation().isEmpty()) byPlace.putIfAbsent(placeOf(d), d);
        List<Decision> out = new ArrayList<>(slice.decisions().size());
        boolean changed = false;
        for (Decision d : slice.decisions()) {
            Decision was = byPlace.get(placeOf(d));
            if (was != null && !was.explanation().equals(d.explanation()) && sameFlows(was.explanation(), d.explanation())) {
                out.add(d.withExplanation(was.explanation()));
                changed = true;
            } else {
                out.add(d);
            }
        }
        return changed ? new FunctionSlice(slice.file(), slice.function(), slice.startLine(), slice.endLine(), out, slice.kept(),
                slice.sliceMillis(), slice.compileMillis(), slice.members(), slice.weighed()) : slice;
    }

    private static String placeOf(Decision d) {
        return d.file() + ":" + d.line() + ":" + d.column() + " " + d.kind().id() + " " + d.function() + " " + d.message();
    }

    /** Whether two explanations hold the same flows (a headline and the steps under it), in any order. */
    static boolean sameFlows(List<ExplanationStep> a, List<ExplanationStep> b) {
        if (a.size() != b.size()) return false;
        List<List<ExplanationStep>> fa = flows(a);
        List<List<ExplanationStep>> fb = flows(b);
        if (fa.size() != fb.size()) return false;
        Map<List<ExplanationStep>, Integer> count = new HashMap<>();
        for (List<ExplanationStep> f : fa) count.merge(f, 1, Integer::sum);
        for (List<ExplanationStep> f : fb) {
            Integer n = count.get(f);
            if (n == null) return false;
            if (n == 1) count.remove(f);
            else count.put(f, n - 1);
        }
        return count.isEmpty();
    }

    /** An explanation cut into its flows: each begins at a headline, a step that is neither a "flow:" nor a "from" line. */
    private static List<List<ExplanationStep>> flows(List<ExplanationStep> steps) {
        List<List<ExplanationStep>> out = new ArrayList<>();
        for (ExplanationStep st : steps) {
            boolean headline = !st.message().startsWith("flow:") && !st.message().startsWith("from ");
            if (headline || out.isEmpty()) out.add(new ArrayList<>());
            out.get(out.size() - 1).add(st);
        }
        return out;
    }

    /**
     * The complete result: {@code base} (in the slice's text) without the members' decisions, and the
     * slice's in their place.
     */
    public static List<Decision> complete(List<Decision> base, FunctionSlice slice) {
        List<Decision> out = new ArrayList<>();
        for (Decision d : base) if (!isMember(slice, d)) out.add(d);
        out.addAll(slice.decisions());
        return out;
    }

    /** Whether a decision belongs to one of the slice's members: printed inside it, the function it names at its place. */
    public static boolean isMember(FunctionSlice slice, Decision d) {
        for (SliceMember m : slice.members()) if (m.file().equals(d.file()) && m.name().equals(d.function())) return true;
        return false;
    }
}
