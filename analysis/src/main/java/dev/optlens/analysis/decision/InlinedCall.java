package dev.optlens.analysis.decision;

import java.util.Optional;

/**
 * What an {@code inlining call to F} headline names, read in one place: the callee as the compiler
 * prints it ({@code Sum}, {@code Sum[go.shape.int]}, {@code (*T).Get}, {@code strings.Index}) and
 * whether it is a given function of the package.
 */
public final class InlinedCall {
    static final String PREFIX = "inlining call to ";

    private InlinedCall() {
    }

    /** The callee of an inlined call's headline; empty for any other headline. */
    public static Optional<String> callee(String message) {
        return message.startsWith(PREFIX) ? Optional.of(message.substring(PREFIX.length())) : Optional.empty();
    }

    /**
     * Whether the headline is an inlined call of the function as the compiler names its declaration
     * ({@code Scale}, {@code (*T).Get}); an instantiation of it ({@code Sum[go.shape.int]}) counts.
     *
     * @param qualifiedToo also a call from another package ({@code pkg.Scale}, as an external test calls it)
     */
    public static boolean calls(String message, String function, boolean qualifiedToo) {
        Optional<String> callee = callee(message);
        if (callee.isEmpty()) return false;
        String c = plain(callee.get());
        String f = plain(function);
        return c.equals(f) || qualifiedToo && c.endsWith("." + f);
    }

    /** The callee's own name, without package, receiver or type arguments ({@code Get} of {@code pkg.(*T).Get}). */
    public static String shortName(String callee) {
        String c = plain(callee);
        return c.substring(c.lastIndexOf('.') + 1);
    }

    /** A function name without pointer receiver marks and type arguments: {@code (*T[go.shape.int]).M} is {@code T.M}. */
    private static String plain(String name) {
        StringBuilder b = new StringBuilder(name.length());
        int depth = 0;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '[') depth++;
            else if (ch == ']') depth = Math.max(0, depth - 1);
            else if (depth == 0 && ch != '(' && ch != ')' && ch != '*') b.append(ch);
        }
        return b.toString();
    }
}
