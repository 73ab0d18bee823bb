using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>Applies the <see cref="FaultInjector"/> rules to vendor requests, before authentication.</summary>
public sealed class FaultMiddleware
{
    private readonly RequestDelegate next;
    private readonly FaultInjector faults;
    private readonly IReadOnlyList<IEmulatorApi> apis;

    public FaultMiddleware(RequestDelegate next, FaultInjector faults, IEnumerable<IEmulatorApi> apis)
    {
        this.next = next;
        this.faults = faults;
        this.apis = apis.ToList();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (ApiNames.IsAdminPath(request.Path))
        {
            await next(context);
            return;
        }

        var api = ApiNames.Classify(request.Path);
        var rule = faults.Take(api, request.Method, request.Path.Value ?? "");
        if (rule is null)
        {
            await next(context);
            return;
        }

        var journalEntry = PendingJournalEntry.Of(context);
        if (rule.LatencyMs > 0)
        {
            try
            {
                await Task.Delay(rule.LatencyMs, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                journalEntry?.Complete(0, JournalOutcomes.ClientDisconnected);
                return;
            }
        }

        switch (rule.Mode)
        {
            case FaultMode.DropBeforeProcessing:
                journalEntry?.Complete(0, JournalOutcomes.DroppedBeforeProcessing);
                context.Abort();
                return;
            case FaultMode.DropAfterProcessing:
                await ProcessThenDropAsync(context, journalEntry);
                return;
            case FaultMode.Respond when rule.Status != 0:
                if (journalEntry is not null) journalEntry.AnswerOutcome = JournalOutcomes.FaultResponded;
                await RespondAsync(context, api, rule);
                return;
            default:
                await next(context);
                return;
        }
    }

    private async Task ProcessThenDropAsync(HttpContext context, PendingJournalEntry? journalEntry)
    {
        // The endpoint writes into a sink, so nothing (not even the headers) reaches the client.
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        try
        {
            await next(context);
        }
        finally
        {
            journalEntry?.Complete(0, JournalOutcomes.DroppedAfterProcessing);
            context.Abort();
        }
    }

    private async Task RespondAsync(HttpContext context, string api, FaultRule rule)
    {
        var body = rule.Body is not null
            ? new ApiErrorBody(rule.ContentType ?? "application/json", rule.Body)
            : apis.FirstOrDefault(a => a.Name == api)?.CreateFaultBody(rule.Status) ?? DefaultBody(rule.Status);
        var response = context.Response;
        response.StatusCode = rule.Status;
        if (rule.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        if (body.Content.Length == 0 || rule.Status is < 200 or 204 or 304) return;
        response.ContentType = body.ContentType;
        await response.WriteAsync(body.Content, context.RequestAborted);
    }

    private static ApiErrorBody DefaultBody(int status) =>
        new("application/json", "{\"error\":\"Injected fault " + status.ToString(CultureInfo.InvariantCulture) + "\"}");
}
