package io.github.membercard.wechatpay.internal.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.github.membercard.wechatpay.WechatPayRequestException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Finds the required members a request body lacks, at any depth, from the {@code required} flag the
 * generated models carry on {@code @JsonProperty}, so a call the server would refuse as {@code
 * PARAM_ERROR} fails before it is sent. Only generated models (those with a {@code
 * JsonPropertyOrder}) are walked; any other body, such as a raw request's JSON, is sent as it is.
 */
final class RequiredMembers {

  private record Member(String name, boolean required, AnnotatedMember accessor) {}

  private final ObjectMapper mapper;
  private final ConcurrentMap<Class<?>, List<Member>> membersByClass = new ConcurrentHashMap<>();

  RequiredMembers(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Checks a body.
   *
   * @param operation the operation, named in the failure
   * @param body the body to send
   * @throws WechatPayRequestException naming the JSON pointer of every required member missing
   */
  void check(String operation, Object body) {
    List<String> missing = new ArrayList<>();
    walk(body, "", missing);
    if (!missing.isEmpty()) {
      throw new WechatPayRequestException(operation, missing);
    }
  }

  private void walk(Object value, String pointer, List<String> missing) {
    if (value instanceof Collection<?> elements) {
      int index = 0;
      for (Object element : elements) {
        walk(element, pointer + "/" + index++, missing);
      }
      return;
    }
    if (value == null) {
      return;
    }
    for (Member member : membersByClass.computeIfAbsent(value.getClass(), this::members)) {
      String at = pointer + "/" + escaped(member.name());
      Object memberValue = member.accessor().getValue(value);
      if (memberValue == null) {
        if (member.required()) {
          missing.add(at + " (body): missing");
        }
      } else {
        walk(memberValue, at, missing);
      }
    }
  }

  private List<Member> members(Class<?> type) {
    if (!type.isAnnotationPresent(JsonPropertyOrder.class)) {
      return List.of();
    }
    List<Member> members = new ArrayList<>();
    for (BeanPropertyDefinition property :
        mapper.getSerializationConfig().introspect(mapper.constructType(type)).findProperties()) {
      if (property.hasGetter() || property.hasField()) {
        AnnotatedMember accessor = property.getAccessor();
        // Checked once here rather than by reflection on every call's read of it.
        accessor.fixAccess(true);
        members.add(new Member(property.getName(), property.isRequired(), accessor));
      }
    }
    return List.copyOf(members);
  }

  /** Escapes a member name for a JSON pointer (RFC 6901). */
  private static String escaped(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
