package dev.keydesk.core.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BaseUrlsTest {

    @Test
    void https_is_fine() {
        assertThat(BaseUrls.problem("https://keys.example.com")).isEmpty();
        assertThat(BaseUrls.problem("https://keys.example.com:8443/base")).isEmpty();
    }

    @Test
    void http_only_for_loopback() {
        assertThat(BaseUrls.problem("http://127.0.0.1:8787")).isEmpty();
        assertThat(BaseUrls.problem("http://localhost:8787")).isEmpty();
        assertThat(BaseUrls.problem("http://[::1]:8787")).isEmpty();
        assertThat(BaseUrls.problem("http://keys.example.com")).get().asString().contains("unencrypted");
        assertThat(BaseUrls.problem("http://127.0.0.1.evil.com")).isPresent();
    }

    @Test
    void nonsense_is_explained() {
        assertThat(BaseUrls.problem("")).isPresent();
        assertThat(BaseUrls.problem("keys.example.com")).get().asString().contains("https://");
        assertThat(BaseUrls.problem("ftp://keys.example.com")).isPresent();
        assertThat(BaseUrls.problem("https://")).isPresent();
        assertThat(BaseUrls.problem("https://a b")).isPresent();
    }
}
