package dev.optlens.analysis.profile;

import java.util.List;

/**
 * What the runtime functions a line calls allocate, in words: the compile's assembly names the call
 * ({@code CALL runtime.growslice(SB)}), which is how an allocation the compiler does not mark as an
 * escape (an append that grows, a map that grows, a string built or converted) is told apart.
 */
public final class RuntimeAllocators {
    private RuntimeAllocators() {
    }

    /** {@code runtime.growslice (append grows a slice)}; a function without words keeps its name alone. */
    public static String describe(String function) {
        String name = function.startsWith("runtime.") ? function.substring("runtime.".length()) : function;
        String words;
        if (name.equals("growslice")) words = "append grows a slice";
        else if (name.startsWith("makeslice")) words = "make of a slice";
        else if (name.equals("newobject")) words = "new object";
        else if (name.startsWith("makemap") || name.startsWith("mapassign") || name.startsWith("makechan")) words = name.startsWith("makechan") ? "channel" : "map";
        else if (name.startsWith("concatstring")) words = "string concatenation";
        else if (name.startsWith("slicebytetostring") || name.startsWith("stringtoslice") || name.startsWith("slicerunetostring")
                || name.equals("intstring")) words = "conversion";
        else if (name.startsWith("convT")) words = "interface conversion";
        else if (name.equals("newproc")) words = "goroutine start";
        else words = "";
        return words.isEmpty() ? function : function + " (" + words + ")";
    }

    /** {@code runtime.growslice (append grows a slice), runtime.concatstring2 (string concatenation)}. */
    public static String describe(List<String> functions) {
        return String.join(", ", functions.stream().map(RuntimeAllocators::describe).toList());
    }
}
