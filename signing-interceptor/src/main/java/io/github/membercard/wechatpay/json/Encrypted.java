package io.github.membercard.wechatpay.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} or {@code List<String>} property that travels RSA-OAEP encrypted. The
 * model holds plaintext; {@link SensitiveFieldModule} encrypts it when written and decrypts it when
 * read. Generated models carry it wherever the spec says {@code x-wechatpay-encrypted: true}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Encrypted {}
