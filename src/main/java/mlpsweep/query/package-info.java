/**
 * Spark SQL over what runs wrote: their metrics as one table ({@link
 * mlpsweep.query.MetricsTable}, older runs' missing columns filled in), the images of their
 * dataset ({@link mlpsweep.query.ImagesTable}), the functions that score images with a saved
 * model ({@link mlpsweep.query.ModelFunctions}), a run's best configuration ({@link
 * mlpsweep.query.BestConfiguration}) and the {@code sql} command's query ({@link
 * mlpsweep.query.SqlQuery}).
 *
 * <p>The {@code sql} and {@code predict} commands and the report all use it; it uses {@code run},
 * {@code metrics}, {@code data}, {@code model} and Spark SQL, and nothing of the report.
 */
package mlpsweep.query;
