package io.github.membercard.openapi.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows a printed draft the way a maintainer would: each {@code # paste under A > B:}, {@code #
 * replace A > B with:} and {@code # delete A > B} line applied to the spec's text, finding the keys
 * by their indentation.
 */
final class DraftPaster {

  private DraftPaster() {}

  /** The spec's text with every edit of the printed report applied, in order. */
  static String apply(String spec, String report) {
    List<String> lines = new ArrayList<>(spec.lines().toList());
    List<String> printed = report.lines().toList();
    for (int i = 0; i < printed.size(); i++) {
      String line = printed.get(i);
      List<String> block = new ArrayList<>();
      int j = i + 1;
      while (j < printed.size() && printed.get(j).startsWith(" ")) {
        block.add(printed.get(j++));
      }
      if (line.startsWith("# paste under ")) {
        int[] node = find(lines, anchor(line, "# paste under ", ":"));
        lines.addAll(node[0] + 1, block);
      } else if (line.startsWith("# replace ")) {
        int[] node = find(lines, anchor(line, "# replace ", " with:"));
        lines.subList(node[0], node[1]).clear();
        lines.addAll(node[0], block);
      } else if (line.startsWith("# delete ")) {
        int[] node = find(lines, anchor(line, "# delete ", ""));
        lines.subList(node[0], node[1]).clear();
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static List<String> anchor(String line, String prefix, String suffix) {
    return List.of(line.substring(prefix.length(), line.length() - suffix.length()).split(" > "));
  }

  /** The first line of the node at {@code anchor} and the line after its last. */
  private static int[] find(List<String> lines, List<String> anchor) {
    int from = 0;
    int to = lines.size();
    int indent = 0;
    int at = -1;
    for (String key : anchor) {
      at = -1;
      for (int i = from; i < to; i++) {
        String line = lines.get(i);
        String content = line.stripLeading();
        boolean itemKey = key.contains(": ") && content.equals("- " + key);
        if (line.length() - content.length() == indent
            && (itemKey || content.equals(key + ":") || content.startsWith(key + ": "))) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        throw new IllegalStateException("no " + key + " of " + anchor + " in the spec");
      }
      from = at + 1;
      to = end(lines, at, indent);
      indent += 2;
    }
    return new int[] {at, end(lines, at, indent - 2)};
  }

  private static int end(List<String> lines, int at, int indent) {
    int end = at + 1;
    while (end < lines.size()
        && (lines.get(end).isBlank()
            || lines.get(end).length() - lines.get(end).stripLeading().length() > indent)) {
      end++;
    }
    return end;
  }
}
