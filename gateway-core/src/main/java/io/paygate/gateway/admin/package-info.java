/**
 * The admin port and the gateway's own files: health probes, merchant provisioning, the ledger
 * check ({@link io.paygate.gateway.admin.AdminHandler}); the platform keys
 * ({@link io.paygate.gateway.admin.PlatformKeyStore}), the admin token and the demo merchant
 * ({@link io.paygate.gateway.admin.DataDir}).
 *
 * <p>Thread: the admin event loop; provisioning and ledger reads go through the ring like every
 * other command. Never: print key material (files holding it are created owner-only).
 */
package io.paygate.gateway.admin;
