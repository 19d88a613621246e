package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignatureFailureTest {

    @Test
    void carriesItsMessage() {
        assertThat(new SignatureFailure("签名错误").getMessage()).isEqualTo("签名错误");
    }

    @Test
    void hasNoStackTrace() {
        assertThat(new SignatureFailure("x").getStackTrace()).isEmpty();
    }

    @Test
    void ignoresSuppressedExceptions() {
        SignatureFailure failure = new SignatureFailure("x");
        failure.addSuppressed(new IllegalStateException());
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void isARuntimeException() {
        assertThat(new SignatureFailure("x")).isInstanceOf(RuntimeException.class).hasNoCause();
    }
}
