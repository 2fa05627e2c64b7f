package org.hotline.cti.asterisk.agi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the FastAGI allow-list: an address ({@code 172.30.58.10}, {@code fd00::5}) or a subnet in CIDR
 * notation ({@code 172.30.58.0/24}). Only literal addresses are accepted, never host names: the list is checked on
 * every accepted connection and must not depend on DNS (nor be spoofable through it).
 *
 * @param network the network address, its host bits cleared
 * @param prefix  how many leading bits must match (32 for one IPv4 address, 128 for one IPv6 address)
 */
public record AddressRange(InetAddress network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public AddressRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix must be 0.." + bits + ", was " + prefix);
        }
        network = masked(network, prefix);
    }

    /**
     * Parses {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException naming the entry when it is not a literal IPv4/IPv6 address or subnet
     */
    public static AddressRange parse(String entry) {
        String text = Objects.requireNonNull(entry, "entry").strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or subnet (a.b.c.d, a.b.c.d/n,"
                    + " or an IPv6 literal; host names are not accepted)");
        }
        InetAddress parsed;
        try {
            // a literal: getByName parses it and never asks DNS
            parsed = InetAddress.getByName(address);
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address", e);
        }
        int bits = parsed.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry + "': the prefix after / is not a number");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + entry + "': the prefix must be 0.." + bits);
            }
        }
        return new AddressRange(parsed, prefix);
    }

    /** Whether {@code address} lies in this range (an IPv4 address never lies in an IPv6 range, and back). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.getAddress().length
                && Arrays.equals(masked(address, prefix).getAddress(), network.getAddress());
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
