/**
 * Configuration: {@link org.zonekeeper.api.config.ConfigCheck} checks a raw configuration against its one
 * declaration (a component property type with {@link org.zonekeeper.api.config.Limits}) and reports every bad key at
 * once, in one {@link org.zonekeeper.api.config.InvalidConfigException} naming the PID and each key.
 */
@Version("2.0.0")
package org.zonekeeper.api.config;

import org.osgi.annotation.versioning.Version;
