using System.Text.Json.Serialization;
using OpenFaaS.Functions.Worker.Timers;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// The JSON of the host's own answers (errors, readiness, the cron-connector's report), written
/// by System.Text.Json's source generator so that it needs no reflection (NativeAOT).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ErrorResponses.ErrorBody))]
[JsonSerializable(typeof(ErrorResponses.ErrorBodyWithInvocation))]
[JsonSerializable(typeof(CronConnectorHandler.TimerReport))]
[JsonSerializable(typeof(ReadinessDetails.Readiness))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(Guid))]
internal sealed partial class HostAnswersJson : JsonSerializerContext;
