/**
 * The standard SIP inspectors: a FortiOS VoIP profile's SIP options ({@code block-*},
 * {@code *-rate}, {@code malformed-*}, NAT fixup, dialogs, pinholes, logging) as one
 * {@link io.sipalg.api.inspect.SipInspector} chain.
 *
 * <pre>{@code
 * InspectorServices services = InspectorServices.builder()
 *     .housekeepingListener(listener)
 *     .build();                                    // once per ALG instance
 * VoipProfile profile = VoipProfile.builder()
 *     .block(SipMethodOption.MESSAGE, true)
 *     .rate(SipMethodOption.INVITE, 50)
 *     .rateTrack(SipMethodOption.INVITE, RateTrack.SRC_IP)
 *     .build();
 * SipInspector inspector = StandardInspectors.from(profile, services);
 * }</pre>
 */
package io.sipalg.inspect;
