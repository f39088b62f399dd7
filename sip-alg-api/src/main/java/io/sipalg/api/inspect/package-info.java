/** The inspector SPI: what an inspector sees of each SIP message and what it may decide. */
package io.sipalg.api.inspect;
