using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace GovernanceModule.Emulator.Infrastructure;

/// <summary>Records every request on a vendor path in the <see cref="RequestJournal"/>.</summary>
public sealed class JournalMiddleware
{
    private readonly RequestDelegate next;
    private readonly RequestJournal journal;
    private readonly EmulatorOptions options;

    public JournalMiddleware(RequestDelegate next, RequestJournal journal, EmulatorOptions options)
    {
        this.next = next;
        this.journal = journal;
        this.options = options;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiNames.IsAdminPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        var pending = new PendingJournalEntry(journal, await CaptureAsync(context));
        context.Features.Set(pending);
        context.Response.OnStarting(() =>
        {
            pending.Complete(context.Response.StatusCode, pending.AnswerOutcome);
            return Task.CompletedTask;
        });

        try
        {
            await next(context);
        }
        catch when (!context.Response.HasStarted)
        {
            pending.Complete(context.RequestAborted.IsCancellationRequested ? 0 : StatusCodes.Status500InternalServerError, JournalOutcomes.Answered);
            throw;
        }

        // A response that was never started because the connection is gone fires no OnStarting.
        if (context.RequestAborted.IsCancellationRequested)
        {
            pending.Complete(0, JournalOutcomes.ClientDisconnected);
        }
    }

    private async Task<JournalEntry> CaptureAsync(HttpContext context)
    {
        var request = context.Request;
        var (body, truncated) = await ReadBodyAsync(request);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = JournalRedaction.RedactHeader(header.Key, header.Value.ToString());
        }

        return new JournalEntry
        {
            Sequence = journal.NextSequence(),
            Time = DateTimeOffset.UtcNow,
            Api = ApiNames.Classify(request.Path),
            Method = request.Method,
            Path = request.Path.Value ?? "",
            Query = JournalRedaction.RedactParameters(request.QueryString.Value ?? ""),
            Headers = headers,
            Body = JournalRedaction.RedactParameters(body),
            BodyTruncated = truncated,
        };
    }

    /// <summary>Reads the body for the journal and rewinds it, so the endpoint can read it again.</summary>
    private async Task<(string Body, bool Truncated)> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength == 0) return ("", false);
        request.EnableBuffering();
        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        request.Body.Position = 0;

        var max = Math.Max(0, options.JournalMaxBodyChars);
        return text.Length > max ? (text[..max], true) : (text, false);
    }
}
