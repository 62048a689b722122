package io.github.membercard.wechatpay.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a property that holds a member's personal data in plaintext: a phone number, a name, an
 * address, a value the member typed into a form, an openid, a card code. Its value is masked in
 * {@code toString()} and in every log line. Generated models carry it wherever the spec says {@code
 * x-wechatpay-personal-data: true}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {}
