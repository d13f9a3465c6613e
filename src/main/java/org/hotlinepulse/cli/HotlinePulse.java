package org.hotlinepulse.cli;
public class HotlinePulse { public static void main(String[] a) {} }
