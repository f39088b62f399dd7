/** The session contract between a host application and the ALG core, with its events and counters. */
package io.sipalg.api.session;
