package org.hotlinepulse.directory;

import java.io.Serializable;

/** Where the line directory is read from (a YAML file, the line_directory table), read again at each call. */
@FunctionalInterface
public interface DirectoryLoader extends Serializable {

    Directory load() throws Exception;
}
