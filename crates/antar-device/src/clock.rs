//! A clock the phone's owner cannot set: the time since the phone booted (Linux/Android
//! `/proc/uptime`, which keeps counting through sleep), tagged with the boot's id so that a
//! reading from before a reboot is never compared with one after it.

use std::fs;

use uuid::Uuid;

/// One reading of the boot clock.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct BootReading {
    pub boot_id: Uuid,
    pub uptime_ms: u64,
}

/// Reads the boot clock, or `None` where the platform offers none (iOS, other desktops).
pub(crate) fn read() -> Option<BootReading> {
    let boot_id = fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    let uptime = fs::read_to_string("/proc/uptime").ok()?;
    Some(BootReading {
        boot_id: Uuid::parse_str(boot_id.trim()).ok()?,
        uptime_ms: parse_uptime_ms(&uptime)?,
    })
}

/// `/proc/uptime` reads "12345.67 23456.78": seconds since boot, then idle seconds.
fn parse_uptime_ms(text: &str) -> Option<u64> {
    let first = text.split_whitespace().next()?;
    let (seconds, fraction) = first.split_once('.').unwrap_or((first, "0"));
    let seconds: u64 = seconds.parse().ok()?;
    let hundredths: u64 = format!("{fraction:0<2}").get(..2)?.parse().ok()?;
    seconds.checked_mul(1000)?.checked_add(hundredths * 10)
}

/// Milliseconds from `earlier` to `now`, if both are readings of the same boot.
pub(crate) fn elapsed_ms(earlier: &BootReading, now: &BootReading) -> Option<u64> {
    (earlier.boot_id == now.boot_id)
        .then(|| now.uptime_ms.checked_sub(earlier.uptime_ms))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uptime_parses_to_milliseconds() {
        assert_eq!(parse_uptime_ms("12345.67 2.00\n"), Some(12_345_670));
        assert_eq!(parse_uptime_ms("5.5 1"), Some(5_500));
        assert_eq!(parse_uptime_ms("7 1"), Some(7_000));
        assert_eq!(parse_uptime_ms("garbage"), None);
        assert_eq!(parse_uptime_ms(""), None);
    }

    #[test]
    fn readings_of_different_boots_are_not_compared() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let before = BootReading {
            boot_id: a,
            uptime_ms: 1_000,
        };
        let after = BootReading {
            boot_id: a,
            uptime_ms: 4_000,
        };
        assert_eq!(elapsed_ms(&before, &after), Some(3_000));
        let rebooted = BootReading {
            boot_id: b,
            uptime_ms: 9_000,
        };
        assert_eq!(elapsed_ms(&before, &rebooted), None);
        assert_eq!(elapsed_ms(&after, &before), None);
    }

    #[test]
    fn this_machine_has_a_boot_clock() {
        let first = read().expect("Linux has /proc/uptime");
        let second = read().expect("Linux has /proc/uptime");
        assert!(elapsed_ms(&first, &second).is_some());
    }
}
