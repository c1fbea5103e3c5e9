package dev.optlens.analysis.syntax;

import org.treesitter.TSNode;

import java.util.ArrayList;
import java.util.List;

/** The syntax nodes around a byte of a parsed file, innermost first, as placement climbs them. */
final class NodeChain {
    private NodeChain() {
    }

    /** A node with its type read at most once (each read is a JNI call that allocates a string). */
    static final class Node {
        final TSNode node;
        private String type;

        Node(TSNode node) {
            this.node = node;
        }

        String type() {
            if (type == null) type = node.getType();
            return type;
        }
    }

    /**
     * The nodes containing the byte, innermost first, computed as far as a caller walks. Each call
     * into the tree-sitter binding costs over a microsecond, so the innermost node comes from one
     * lookup and parents are fetched only while a caller still climbs (usually a few levels).
     */
    static List<Node> at(GoSource src, int offset) {
        int end = Math.min(offset + 1, src.bytes().length);
        TSNode at = src.root().getDescendantForByteRange(offset, Math.max(offset, end));
        return new java.util.AbstractList<>() {
            private final List<Node> known = new ArrayList<>(List.of(new Node(at)));
            private boolean atRoot;

            @Override
            public Node get(int i) {
                while (known.size() <= i && !atRoot) {
                    TSNode parent = known.get(known.size() - 1).node.getParent();
                    if (parent == null || parent.isNull()) atRoot = true;
                    else known.add(new Node(parent));
                }
                if (i >= known.size()) throw new IndexOutOfBoundsException(i);
                return known.get(i);
            }

            @Override
            public int size() {
                // Only iteration asks: grow one step at a time, so a loop that breaks early stays cheap.
                return atRoot ? known.size() : known.size() + 1;
            }

            @Override
            public java.util.Iterator<Node> iterator() {
                return new java.util.Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        if (next < known.size()) return true;
                        if (atRoot) return false;
                        TSNode parent = known.get(known.size() - 1).node.getParent();
                        if (parent == null || parent.isNull()) {
                            atRoot = true;
                            return false;
                        }
                        known.add(new Node(parent));
                        return true;
                    }

                    @Override
                    public Node next() {
                        if (!hasNext()) throw new java.util.NoSuchElementException();
                        return known.get(next++);
                    }
                };
            }
        };
    }

}
