/**
 * The Narrative platform's dialect (access tokens and {@code /whoami}, from its public OpenAPI): its
 * paths, its wire records ({@code NarrativeWire}), its built-in catalog and policy
 * ({@link dev.keydesk.client.narrative.NarrativeCatalog}) and the settings Narrative's tools read
 * ({@link dev.keydesk.client.narrative.NarrativeEnvironment}).
 */
package dev.keydesk.client.narrative;
