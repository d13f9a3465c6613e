package org.hotlinepulse.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = HotlinePulse.class.getPackage().getImplementationVersion();
        return new String[] {"hotline-pulse " + (version == null ? "development" : version)};
    }
}
