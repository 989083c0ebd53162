package dev.promptbench.config;

/** How requests authenticate ({@code --auth}): with the key, or with a Microsoft Entra ID token. */
public enum Auth {
    /** The key from the environment ({@code api-key}, or Bearer for OpenAI). */
    KEY("key"),
    /** A Microsoft Entra ID access token, sent as {@code Authorization: Bearer}. */
    ENTRA("entra");

    private final String word;

    Auth(String word) {
        this.word = word;
    }

    /** The word used in flags and output. */
    public String word() {
        return word;
    }
}
