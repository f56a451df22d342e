/**
 * Distortions of training images, in plain Java (no Spark): affine transforms and the elastic
 * distortions of Simard, Steinkraus and Platt (2003). A distortion is a displacement field: the
 * distorted image at pixel p is the original image at p + d(p), read by bilinear interpolation,
 * with zero outside the image. Each image's field is drawn from a 64-bit stream the caller
 * derives, so the same stream gives the same image bit for bit on any machine and thread.
 */
package mlpsweep.distort;
