package io.github.membercard.wechatpay.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} or {@code List<String>} property that travels RSA-OAEP encrypted. The
 * model holds plaintext; the client encrypts it when the request is written and decrypts it when
 * the response is read. Generated models carry it wherever the spec says {@code
 * x-wechatpay-encrypted: true}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Encrypted {}
