/**
 * Internal helpers shared by the API's packages; not exported from the module and not part of
 * the API.
 */
package io.sipalg.api.internal;
