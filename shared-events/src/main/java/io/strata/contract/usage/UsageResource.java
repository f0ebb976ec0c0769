package io.strata.contract.usage;

import java.time.LocalDate;

/** One day of one database's usage. {@code storageBytes}: the day's last sample (null when none). */
public record UsageResource(LocalDate date, String projectId, String databaseId, long queries, long rowsReturned,
                            Long storageBytes, long jobs) {
}
