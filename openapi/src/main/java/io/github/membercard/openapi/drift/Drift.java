package io.github.membercard.openapi.drift;

import java.util.List;

/**
 * One difference between the doc pages and the spec, read as "the docs changed": {@code ADDED} is
 * on a page but not in the spec, {@code REMOVED} is in the spec but on no page.
 *
 * @param kind what kind of difference
 * @param where the operation or event, then the field: {@code POST /v3/... body.brand_id}
 * @param detail what the page says against what the spec says
 * @param draft the spec edit that would remove the difference, drafted for review
 */
public record Drift(Kind kind, String where, String detail, List<SpecEdit> draft)
    implements Comparable<Drift> {

  /**
   * Copies the draft.
   *
   * @param kind what kind of difference
   * @param where the operation or event, then the field
   * @param detail what the page says against what the spec says
   * @param draft the spec edit that would remove the difference
   */
  public Drift {
    draft = List.copyOf(draft);
  }

  /** The kinds of difference a reviewer acts on. */
  public enum Kind {
    /** An operation documented on a page that the spec does not have. */
    OPERATION_ADDED,
    /** An operation in the spec that no page documents. */
    OPERATION_REMOVED,
    /** A notification event documented on a page that no schema of the spec is marked with. */
    EVENT_ADDED,
    /** A notification event of the spec that no page documents. */
    EVENT_REMOVED,
    /** A field, parameter or JSON body on a page that the spec does not have. */
    FIELD_ADDED,
    /** A field, parameter or JSON body in the spec that the page does not have. */
    FIELD_REMOVED,
    /** A field or parameter whose type on the page differs from the spec's. */
    TYPE_CHANGED,
    /** A field or parameter the page and the spec disagree on being required. */
    REQUIRED_CHANGED,
    /** A field or parameter whose enum values on the page differ from the spec's. */
    ENUM_CHANGED,
    /** A field or parameter the page and the spec disagree on being encrypted. */
    ENCRYPTION_CHANGED,
    /** An operation whose success response, no content or a JSON body, differs from the spec's. */
    RESPONSE_CHANGED
  }

  @Override
  public int compareTo(Drift other) {
    int byPlace = where.compareTo(other.where);
    return byPlace != 0 ? byPlace : kind.compareTo(other.kind);
  }

  /**
   * Returns the report's line for the difference, without its draft.
   *
   * @return the kind, the place and the detail on one line
   */
  @Override
  public String toString() {
    return String.format("%-18s %s: %s", kind, where, detail);
  }
}
