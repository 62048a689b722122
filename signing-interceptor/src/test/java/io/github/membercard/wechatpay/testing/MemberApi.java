package io.github.membercard.wechatpay.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import io.github.membercard.wechatpay.json.Encrypted;
import java.util.List;

/**
 * A small API in the shape of the generated ones, so the runtime is tested apart from generation.
 */
public interface MemberApi {

  @RequestLine("POST /v3/members/{code}/confirm?card_id={cardId}")
  @Headers("Content-Type: application/json")
  Member confirm(@Param("code") String code, @Param("cardId") String cardId, Member member);

  @RequestLine("GET /v3/members/{code}")
  Member get(@Param("code") String code);

  @RequestLine("PATCH /v3/members/{code}")
  @Headers("Content-Type: application/json")
  void update(@Param("code") String code, Member member);

  /** A model with one plain and two encrypted properties. */
  final class Member {
    @JsonProperty("name")
    public String name;

    @JsonProperty("phone_number")
    @Encrypted
    public String phoneNumber;

    @JsonProperty("choices")
    @Encrypted
    public List<String> choices;

    public Member() {}

    public Member(String name, String phoneNumber, List<String> choices) {
      this.name = name;
      this.phoneNumber = phoneNumber;
      this.choices = choices;
    }
  }
}
