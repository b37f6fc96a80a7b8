import { readFileSync, writeFileSync } from 'fs';
import { gunzipSync, gzipSync } from 'zlib';
import type { FeatureConfig } from '../features/extract';
import type { LinearModelData } from './linear-model';

/**
 * Compact model file: gzip( magic | header length | JSON header | bucket ids (uint32, delta-free) | int8 weights ).
 * Only buckets with a non-zero quantized weight are stored; weights are int8 with one scale per model,
 * which loses nothing measurable for a linear bag-of-n-grams model and keeps each file well under 1 MB.
 */
const MAGIC = 0x4c54414d; // "LTAM"

interface ModelHeader {
  name: string;
  labels: string[];
  features: FeatureConfig;
  bias: number[];
  scale: number;
  stored: number;
  meta: Record<string, unknown>;
}

export function encodeModel(model: LinearModelData, pruneBelow = 0.5): Buffer {
  const k = model.labels.length;
  const dim = 1 << model.features.bits;
  let maxAbs = 0;
  for (const weight of model.weights) maxAbs = Math.max(maxAbs, Math.abs(weight));
  const scale = maxAbs / 127 || 1;
  const buckets: number[] = [];
  const quantized: number[] = [];
  for (let bucket = 0; bucket < dim; bucket++) {
    const row: number[] = [];
    let keep = false;
    for (let c = 0; c < k; c++) {
      const q = Math.round(model.weights[bucket * k + c] / scale);
      row.push(q);
      if (Math.abs(q) > pruneBelow) keep = true;
    }
    if (keep) {
      buckets.push(bucket);
      quantized.push(...row);
    }
  }
  const header: ModelHeader = { name: model.name, labels: model.labels, features: model.features, bias: [...model.bias], scale, stored: buckets.length, meta: model.meta };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(MAGIC, 0);
  prefix.writeUInt32LE(headerBytes.length, 4);
  const bucketBytes = Buffer.from(Uint32Array.from(buckets).buffer);
  const weightBytes = Buffer.from(Int8Array.from(quantized).buffer);
  return gzipSync(Buffer.concat([prefix, headerBytes, bucketBytes, weightBytes]), { level: 9 });
}

export function decodeModel(file: Buffer): LinearModelData {
  const raw = gunzipSync(file);
  if (raw.readUInt32LE(0) !== MAGIC) throw new Error('not a text-analytics model file');
  const headerLength = raw.readUInt32LE(4);
  const header = JSON.parse(raw.subarray(8, 8 + headerLength).toString('utf8')) as ModelHeader;
  const k = header.labels.length;
  const bucketStart = 8 + headerLength;
  const weightStart = bucketStart + header.stored * 4;
  const weights = new Float32Array((1 << header.features.bits) * k);
  for (let i = 0; i < header.stored; i++) {
    const bucket = raw.readUInt32LE(bucketStart + i * 4);
    for (let c = 0; c < k; c++) weights[bucket * k + c] = raw.readInt8(weightStart + i * k + c) * header.scale;
  }
  return { name: header.name, labels: header.labels, features: header.features, weights, bias: Float32Array.from(header.bias), meta: header.meta };
}

export function writeModelFile(path: string, model: LinearModelData): number {
  const bytes = encodeModel(model);
  writeFileSync(path, bytes);
  return bytes.length;
}

export function readModelFile(path: string): LinearModelData {
  return decodeModel(readFileSync(path));
}
