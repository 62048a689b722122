package io.github.membercard.openapi.drift;

/**
 * One difference between the doc pages and the spec, read as "the docs changed": {@code ADDED} is
 * on a page but not in the spec, {@code REMOVED} is in the spec but on no page.
 *
 * @param kind what kind of difference
 * @param where the operation or event, then the field: {@code POST /v3/... body.brand_id}
 * @param detail what the page says against what the spec says
 */
public record Drift(Kind kind, String where, String detail) implements Comparable<Drift> {

  /** The kinds of difference a reviewer acts on. */
  public enum Kind {
    OPERATION_ADDED,
    OPERATION_REMOVED,
    EVENT_ADDED,
    EVENT_REMOVED,
    FIELD_ADDED,
    FIELD_REMOVED,
    TYPE_CHANGED,
    REQUIRED_CHANGED,
    ENUM_CHANGED,
    ENCRYPTION_CHANGED,
    ANSWER_CHANGED
  }

  @Override
  public int compareTo(Drift other) {
    int byPlace = where.compareTo(other.where);
    return byPlace != 0 ? byPlace : kind.compareTo(other.kind);
  }

  @Override
  public String toString() {
    return String.format("%-18s %s: %s", kind, where, detail);
  }
}
