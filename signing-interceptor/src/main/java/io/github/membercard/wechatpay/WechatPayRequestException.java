package io.github.membercard.wechatpay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A request was refused before anything was sent: a required path value, query parameter, body or
 * body member is missing, or a path value cannot be one URL segment. {@link #members()} names each
 * member at fault (a parameter by its wire name, a body member by its JSON pointer); no value is
 * ever repeated, since values are often a member's personal data.
 */
public class WechatPayRequestException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  /** The members at fault, each with what is wrong with it; a serializable list type. */
  private final ArrayList<String> members;

  /**
   * Creates the failure of one operation's request.
   *
   * @param operation the operation, such as {@code confirmUserCard}
   * @param members each member at fault with what is wrong, such as {@code "card_id (query):
   *     missing"}; never a value
   */
  public WechatPayRequestException(String operation, List<String> members) {
    super(operation + " was not sent: " + String.join("; ", members));
    this.members = new ArrayList<>(members);
  }

  /**
   * Returns the members at fault, each as {@code "name (where): problem"}.
   *
   * @return the members at fault, in the order of the operation's parameters and body
   */
  public List<String> members() {
    return Collections.unmodifiableList(members);
  }
}
