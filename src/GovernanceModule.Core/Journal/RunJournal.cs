using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GovernanceModule.Core.Journal
{
    /// <summary>
    /// The write-ahead journal of one change run, append-only on disk: each input when it is read (row, name,
    /// values, fingerprint), each request before it is sent (the rows it carries, flushed to stable storage before
    /// the request goes out), and each input's outcome. Opened on an existing journal it is the account of the runs
    /// before: where each row stands, and its recorded outcome. The file is locked while open: a second process (or
    /// command) on it gets <see cref="JournalProblem.InUse"/>.
    /// </summary>
    /// <remarks>
    /// Reads and outcomes come from one thread; sends may come from any thread. The thread reading inputs only queues
    /// the records of reads and outcomes: a thread of the journal's own serializes them in order (a request about to
    /// be sent serializes what is queued first, so its rows' reads come before it). Records are gathered in memory
    /// under one lock, and flushed to stable storage under another, so that no thread waits for a flush while holding
    /// the first, and requests flushing at once share one flush.
    /// </remarks>
    public sealed class RunJournal : IDisposable
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        /// <summary>Guards the index and the records gathered in memory.</summary>
        private readonly object gate = new object();

        /// <summary>Guards the file: writes, reads and flushes. Taken before <see cref="gate"/>, never while holding it.</summary>
        private readonly object fileGate = new object();
        private readonly FileStream stream;
        private readonly JournalLines lines;
        private readonly JournalIndex index;

        /// <summary>Records not yet written to the file: written through on the next send, when large, and at the end.</summary>
        private readonly MemoryStream unwritten = new MemoryStream();

        /// <summary>The text of records, into <see cref="unwritten"/> (under <see cref="gate"/>): one for the run, not one per record.</summary>
        private StreamWriter recordText;

        /// <summary>Writes records into <see cref="recordText"/>, one line each.</summary>
        private RecordWriter recordWriter;

        /// <summary>Records queued, not yet gathered; gathered in order under <see cref="gate"/>. Queuing takes no lock.</summary>
        private readonly ConcurrentQueue<Action> queued = new ConcurrentQueue<Action>();

        private int queuedCount;

        /// <summary>The thread that gathers queued records while the run goes on.</summary>
        private readonly Thread gatherer;

        /// <summary>Set once the journal is closing: the gatherer ends. It waits without spinning: it has nothing urgent to do.</summary>
        private readonly ManualResetEventSlim closing = new ManualResetEventSlim(false, spinCount: 0);

        /// <summary>What made a queued record fail to serialize; the next call that records anything throws it.</summary>
        private Exception? gatherFailure;

        /// <summary>The length of the file: what was written to it.</summary>
        private long written;

        /// <summary>How much of the file is on stable storage.</summary>
        private long durable;

        /// <summary>Where the next record starts: the file and the records gathered in memory.</summary>
        private long appended;

        private RunJournal(string path, FileStream stream, JournalLines lines, JournalIndex index, long rowsBefore)
        {
            Path = path;
            this.stream = stream;
            this.lines = lines;
            this.index = index;
            RowsBefore = rowsBefore;
            written = durable = appended = stream.Length;
            (recordText, recordWriter) = NewRecordWriter();
            gatherer = new Thread(GatherWhileOpen) { IsBackground = true, Name = "GovernanceModule journal" };
            gatherer.Start();
        }

        public string Path { get; }

        /// <summary>The rows earlier runs read: a run that reads fewer inputs was not given the same input.</summary>
        public long RowsBefore { get; }

        /// <summary>
        /// Opens the journal at <paramref name="path"/> for this run, creating it when it does not exist. An existing
        /// journal must be one this module wrote for the same command, parameters and server; a torn last line (a
        /// crash in the middle of a write) is cut off.
        /// </summary>
        public static RunJournal Open(string path, JournalHeader header)
        {
            var stream = Lock(path);
            try
            {
                var lines = new JournalLines(stream, path);
                JournalIndex index;
                if (stream.Length == 0)
                {
                    index = JournalIndex.Empty(header);
                    WriteLine(stream, writer => JournalRecord.WriteHeader(writer, header));
                }
                else
                {
                    index = JournalIndex.Build(lines, path);
                    var difference = header.DifferenceFrom(index.Header);
                    if (difference != null)
                    {
                        throw new JournalException(
                            JournalProblem.DifferentRun,
                            path,
                            "The journal " + path + " belongs to another run: " + difference + ". A journal resumes only the same command, with the same parameters, on the same server; use a new -JournalPath.");
                    }

                    stream.SetLength(lines.End);
                    stream.Seek(0, SeekOrigin.End);
                    WriteLine(stream, writer => JournalRecord.WriteRun(writer, header.ModuleVersion));
                }

                stream.Flush(true);
                return new RunJournal(path, stream, lines, index, index.Count);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Where a row of an earlier run stands; null for a row this run reads first.</summary>
        public JournalState? StateOf(long row)
        {
            if (row > RowsBefore)
            {
                return null;
            }

            lock (gate)
            {
                return index.StateOf(row);
            }
        }

        /// <summary>
        /// Records an input as read. A row earlier runs read is not written again; its values must be the ones they
        /// read, or the input is not the one the journal holds (<see cref="JournalProblem.DifferentInput"/>).
        /// </summary>
        public void RecordRead(long row, string name, JournalInput input)
        {
            if (row > RowsBefore)
            {
                Queue(() =>
                {
                    index.AddRead(appended, row, input.Fingerprint);
                    Append(writer => JournalRecord.WriteRead(writer, row, name, input));
                });
                return;
            }

            long differsAt;
            lock (gate)
            {
                if (index.SameFingerprint(row, input.Fingerprint))
                {
                    return;
                }

                differsAt = index.ReadOffsetOf(row);
            }

            var recorded = JournalRecord.InputOf(ReadAt(differsAt, JObject.Load));
            throw new JournalException(
                JournalProblem.DifferentInput,
                Path,
                "the input differs from the one the journal " + Path + " holds for it: " + input.DifferenceFrom(recorded) + ". A journal resumes only the same input; use a new -JournalPath for a changed input.");
        }

        /// <summary>Records that a request carrying <paramref name="rows"/> is about to be sent, on stable storage before it returns.</summary>
        public void RecordSent(IReadOnlyCollection<long> rows)
        {
            long end;
            lock (gate)
            {
                // The reads of these rows come first; a record that could not be gathered stops the request.
                GatherQueued();
                ThrowIfGatherFailed();
                foreach (var row in rows)
                {
                    index.SetSent(row);
                }

                Append(writer => JournalRecord.WriteSent(writer, rows));
                end = appended;
            }

            lock (fileGate)
            {
                // A flush for another request may have covered this record already.
                if (durable < end)
                {
                    WriteGathered();
                    stream.Flush(true);
                    durable = written;
                }
            }
        }

        /// <summary>Records an input's outcome. Written through on the next request's flush or when the journal is closed.</summary>
        public void RecordOutcome(long row, RecordedOutcome outcome) =>
            Queue(() =>
            {
                var offset = appended;
                Append(writer => outcome.WriteRecord(writer, row));
                index.SetOutcome(offset, row, outcome.State);
            });

        /// <summary>
        /// The outcome an earlier run recorded for the row, its result an object of its own type again; null when it
        /// recorded none. Throws <see cref="JournalException"/> (<see cref="JournalProblem.Damaged"/>) for a record
        /// that cannot be read, such as a result of a type that is not one of the module's.
        /// </summary>
        public RecordedOutcome? OutcomeOf(long row)
        {
            long offset;
            lock (gate)
            {
                offset = index.OutcomeOffsetOf(row);
            }

            return offset < 0 ? null : ReadAt(offset, reader => RecordedOutcome.Read(reader, withResult: true));
        }

        /// <summary>At the end of the input: an input shorter than the journal's is not the same input.</summary>
        public void CheckInputEnded(long rowsRead)
        {
            if (rowsRead < RowsBefore)
            {
                throw new JournalException(
                    JournalProblem.DifferentInput,
                    Path,
                    "The input ended after " + rowsRead + " rows, and the journal " + Path + " holds " + RowsBefore + ". A journal resumes only the same input; use a new -JournalPath for a changed input.");
            }
        }

        public void Dispose()
        {
            closing.Set();
            gatherer.Join();
            lock (fileGate)
            {
                try
                {
                    lock (gate)
                    {
                        GatherQueued();
                    }

                    WriteGathered();
                    stream.Flush(true);
                }
                finally
                {
                    stream.Dispose();
                }
            }
        }

        private static FileStream Lock(string path)
        {
            try
            {
                // FileShare.None is an exclusive lock: a sharing violation on Windows, flock(LOCK_EX) on Linux and macOS.
                // Not buffered: records are gathered in memory and written in one piece, and outcomes are read back
                // through a window of their own.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException ex) when (IsSharingViolation(ex))
            {
                throw new JournalException(
                    JournalProblem.InUse,
                    path,
                    "The journal " + path + " is in use by another command or process. Wait for that run to end, or give this run another -JournalPath.",
                    ex);
            }
        }

        internal static bool IsSharingViolation(IOException ex)
        {
            var code = ex.HResult & 0xFFFF;
            return code == 32 || code == 33 || ex.GetType() == typeof(IOException) && ex.Message.IndexOf("being used by another process", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>
        /// Queues a record to be gathered by the journal's thread. A queue that grows past what that thread keeps up
        /// with is gathered here, so that memory stays small.
        /// </summary>
        private void Queue(Action gather)
        {
            ThrowIfGatherFailed();
            queued.Enqueue(gather);
            if (Interlocked.Increment(ref queuedCount) >= MaxQueued)
            {
                lock (gate)
                {
                    GatherQueued();
                }
            }

            WriteIfLarge();
        }

        private const int MaxQueued = 4096;

        /// <summary>How often the journal's thread gathers: often enough to keep memory small, seldom enough to cost nothing.</summary>
        private const int GatherEveryMilliseconds = 2;

        private void ThrowIfGatherFailed()
        {
            if (Volatile.Read(ref gatherFailure) is Exception failure)
            {
                throw new InvalidOperationException("The journal " + Path + " could not record an earlier input or outcome: " + failure.Message, failure);
            }
        }

        private void GatherWhileOpen()
        {
            while (!closing.Wait(GatherEveryMilliseconds))
            {
                if (queued.IsEmpty)
                {
                    continue;
                }

                lock (gate)
                {
                    GatherQueued();
                }

                try
                {
                    WriteIfLarge();
                }
                catch (Exception ex)
                {
                    // A full disk, say: the thread reading inputs meets it at its next record.
                    Volatile.Write(ref gatherFailure, gatherFailure ?? ex);
                }
            }
        }

        /// <summary>Gathers the queued records, in order (under <see cref="gate"/>). One that fails leaves no part behind, and the failure for the next call.</summary>
        [MethodImpl(Jit.Optimized)]
        private void GatherQueued()
        {
            while (queued.TryDequeue(out var gather))
            {
                Interlocked.Decrement(ref queuedCount);
                try
                {
                    gather();
                }
                catch (Exception ex)
                {
                    Volatile.Write(ref gatherFailure, gatherFailure ?? ex);
                }
            }
        }

        /// <summary>Gathers the record <paramref name="write"/> writes in memory, as one line (under <see cref="gate"/>).</summary>
        [MethodImpl(Jit.Optimized)]
        private void Append(Action<RecordWriter> write)
        {
            var start = unwritten.Length;
            try
            {
                write(recordWriter);
                recordWriter.EndRecord();
                recordText.Flush();
            }
            catch
            {
                // A result that cannot be serialized leaves no part of its record behind, and a writer in a clean state.
                (recordText, recordWriter) = NewRecordWriter();
                unwritten.SetLength(start);
                throw;
            }

            appended += unwritten.Length - start;
        }

        private (StreamWriter, RecordWriter) NewRecordWriter()
        {
            var text = new StreamWriter(unwritten, Utf8, 4096);
            return (text, new RecordWriter(text));
        }

        /// <summary>Keeps the records gathered in memory small in a run that sends little.</summary>
        private void WriteIfLarge()
        {
            if (Volatile.Read(ref appended) - Volatile.Read(ref written) >= 1024 * 1024)
            {
                lock (fileGate)
                {
                    WriteGathered();
                }
            }
        }

        /// <summary>Writes the records gathered so far to the file (under <see cref="fileGate"/>).</summary>
        private void WriteGathered()
        {
            // Written from the buffer itself, under the gate: a write into the file's cache is short, and a copy of
            // every record was most of what the journal allocated. A write that fails keeps the records for the next.
            lock (gate)
            {
                var length = (int)unwritten.Length;
                if (length > 0)
                {
                    stream.Position = written;
                    stream.Write(unwritten.GetBuffer(), 0, length);
                    written += length;
                    unwritten.SetLength(0);
                }
            }
        }

        private T ReadAt<T>(long offset, Func<JsonReader, T> read)
        {
            lock (fileGate)
            {
                if (offset >= written)
                {
                    WriteGathered();
                }

                return lines.ReadAt(offset, read);
            }
        }

        private static void WriteLine(Stream to, Action<RecordWriter> write)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            var writer = new RecordWriter(text);
            write(writer);
            writer.EndRecord();
            var bytes = Utf8.GetBytes(text.ToString());
            to.Write(bytes, 0, bytes.Length);
        }
    }
}
