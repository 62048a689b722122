package io.github.membercard.openapi.drift;

import java.util.List;

/**
 * One step of a drafted spec edit, in the spec's own style and indentation, for a maintainer to
 * review and paste: the report never edits the spec.
 *
 * @param action what to do at the anchor
 * @param anchor the YAML keys leading to the place, from the document's root ({@code components},
 *     {@code schemas}, {@code UserPointBalance}, {@code properties}); a list item is named by its
 *     first line without the dash ({@code name: card_id})
 * @param yaml the lines to paste or to put in place, indented as they stand in the spec; for a
 *     {@link Action#NOTE}, the advice
 */
public record SpecEdit(Action action, List<String> anchor, String yaml) {

  /** What a maintainer does with the edit. */
  public enum Action {
    /** Paste the lines as new children of the anchor. */
    PASTE_UNDER,
    /** Replace the anchor's key and everything under it with the lines. */
    REPLACE,
    /** Delete the anchor's key and everything under it. */
    DELETE,
    /** Nothing to paste: advice on an edit that needs a maintainer's judgement. */
    NOTE
  }

  /**
   * Copies the anchor.
   *
   * @param action what to do at the anchor
   * @param anchor the YAML keys leading to the place
   * @param yaml the lines, or the advice of a note
   */
  public SpecEdit {
    anchor = List.copyOf(anchor);
  }

  /**
   * Returns the edit as the report prints it: a {@code #} line saying what to do where, then the
   * lines to paste.
   */
  @Override
  public String toString() {
    String where = String.join(" > ", anchor);
    return switch (action) {
      case PASTE_UNDER -> "# paste under " + where + ":\n" + yaml;
      case REPLACE -> "# replace " + where + " with:\n" + yaml;
      case DELETE -> "# delete " + where + "\n";
      case NOTE -> "# note: " + yaml + "\n";
    };
  }
}
