package mlpsweep.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mlpsweep.metrics.MetricsSchema;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class MetricsTableTest {
  @Test
  void nullabilityDoesNotMatterForTheSchema() {
    StructType required = new StructType();
    for (var f : MetricsSchema.SCHEMA.fields()) {
      required = required.add(f.name(), f.dataType(), false);
    }
    assertEquals(null, MetricsTable.schemaProblem(required));
  }
}
