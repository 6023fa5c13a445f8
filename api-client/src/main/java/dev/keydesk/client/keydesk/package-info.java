/**
 * KeyDesk's own dialect ({@code key-api.md}, version 1 and the 1.1 extensions): its paths, its wire
 * records ({@code KeydeskWire}) and how it finds out which optional endpoints a server has
 * ({@code KeydeskCapabilities}).
 */
package dev.keydesk.client.keydesk;
