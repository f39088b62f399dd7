/** Named local certificates, CA certificates, peers and peer groups, as FortiOS keeps them. */
package io.sipalg.api.cert;
