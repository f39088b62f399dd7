/** Reading and writing FortiOS-style CLI configuration ({@code config voip profile} and friends). */
package io.sipalg.api.config;
