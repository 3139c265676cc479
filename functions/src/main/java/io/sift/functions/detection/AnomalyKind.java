package io.sift.functions.detection;

/** What an anomalous point looks like, as the {@code kind} column of {@code anomalies} names it. */
public enum AnomalyKind {
  /** One point (or a short burst) above the expected band. */
  SPIKE("spike"),
  /** One point (or a short burst) below the expected band. */
  DIP("dip"),
  /** The series moved to a new level and stays there. */
  LEVEL_SHIFT("level_shift"),
  /** The series started to drift away from its expected course (a ramp, a change of slope). */
  TREND_CHANGE("trend_change");

  private final String sqlName;

  AnomalyKind(String sqlName) {
    this.sqlName = sqlName;
  }

  /** The name SQL shows ({@code spike}, {@code dip}, {@code level_shift}, {@code trend_change}). */
  public String sqlName() {
    return sqlName;
  }
}
